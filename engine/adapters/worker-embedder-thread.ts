/**
 * Worker side of the worker embedder (see worker-embedder.ts): creates the transformers embedder with
 * the options in `workerData`, answers `ready` or `failed`, then serves embed / embedSpans requests one
 * at a time, transferring the result vectors' buffers to the parent instead of copying them.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Embedder, SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import { createTransformersEmbedder, type TransformersEmbedderOptions } from './transformers-embedder.ts';

/** What the parent passes as `workerData`. */
export interface WorkerEmbedderData {
  readonly options: TransformersEmbedderOptions | undefined;
}

/** An error crossing the thread boundary: rebuilt in the parent with the same code and message. */
export interface WireError {
  readonly code: string | undefined;
  readonly name: string;
  readonly message: string;
  /** The option or field a coded error is about. */
  readonly field?: string | undefined;
}

export type WorkerRequest =
  | { readonly id: number; readonly op: 'embed'; readonly texts: readonly string[] }
  | { readonly id: number; readonly op: 'embedSpans'; readonly items: readonly SpanRequest[] };

export type WorkerReply =
  | { readonly type: 'ready'; readonly modelId: string; readonly dimensions: number }
  | { readonly type: 'failed'; readonly error: WireError }
  | { readonly type: 'vectors'; readonly id: number; readonly vectors: Float32Array[] }
  | { readonly type: 'spans'; readonly id: number; readonly results: SpanEmbedding[] }
  | { readonly type: 'error'; readonly id: number; readonly error: WireError };

function toWire(e: unknown): WireError {
  if (e instanceof Error) {
    const { code, field } = e as { code?: unknown; field?: unknown };
    return { code: typeof code === 'string' ? code : undefined, name: e.name, message: e.message, field: typeof field === 'string' ? field : undefined };
  }
  return { code: undefined, name: 'Error', message: String(e) };
}

/** The vector's buffer if the vector owns all of it (so it can be transferred), else a copy's. */
function ownBuffer(v: Float32Array, list: ArrayBuffer[]): Float32Array {
  const own = v.byteOffset === 0 && v.byteLength === v.buffer.byteLength && v.buffer instanceof ArrayBuffer ? v : v.slice();
  list.push(own.buffer as ArrayBuffer);
  return own;
}

async function serve(port: NonNullable<typeof parentPort>, data: WorkerEmbedderData): Promise<void> {
  let embedder: Embedder;
  try {
    embedder = await createTransformersEmbedder(data.options);
  } catch (e) {
    port.postMessage({ type: 'failed', error: toWire(e) } satisfies WorkerReply);
    return;
  }
  port.postMessage({ type: 'ready', modelId: embedder.modelId, dimensions: embedder.dimensions } satisfies WorkerReply);

  async function handle(req: WorkerRequest): Promise<void> {
    try {
      const transfer: ArrayBuffer[] = [];
      if (req.op === 'embed') {
        const vectors = (await embedder.embed(req.texts)).map((v) => ownBuffer(v, transfer));
        port.postMessage({ type: 'vectors', id: req.id, vectors } satisfies WorkerReply, transfer);
      } else {
        if (!embedder.embedSpans) throw new Error(`embedder ${embedder.modelId} has no embedSpans`);
        const results = (await embedder.embedSpans(req.items)).map((r) => ({
          vector: ownBuffer(r.vector, transfer),
          spans: r.spans.map((s) => ownBuffer(s, transfer)),
        }));
        port.postMessage({ type: 'spans', id: req.id, results } satisfies WorkerReply, transfer);
      }
    } catch (e) {
      port.postMessage({ type: 'error', id: req.id, error: toWire(e) } satisfies WorkerReply);
    }
  }

  // One request at a time, in arrival order: the model is the bottleneck, interleaving gains nothing.
  let queue = Promise.resolve();
  port.on('message', (req: WorkerRequest) => {
    queue = queue.then(() => handle(req));
  });
}

if (!parentPort) throw new Error('worker-embedder-thread.ts runs only as a worker thread (see worker-embedder.ts)');
await serve(parentPort, workerData as WorkerEmbedderData);
