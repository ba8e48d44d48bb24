/**
 * The transformers embedder run in a `worker_threads` Worker. onnxruntime-node's `session.run` is a
 * synchronous native call, so the in-process adapter blocks the event loop while the model runs; here
 * the model runs on the worker and the calling thread stays free. Same options, same results, same
 * coded errors as `createTransformersEmbedder`; input is checked in the calling thread, vectors come
 * back as transferred (not copied) buffers.
 */
import { Worker } from 'node:worker_threads';
import { CodedError } from '../../taxonomy/model/coded-error.ts';
import { embeddingError, EmbeddingErrorCode, invalidOption } from '../embedding/errors.ts';
import type { Embedder, SpanEmbedding, SpanRequest } from '../ports/embedder.ts';
import { checkSpanRequests } from '../embedding/span-requests.ts';
import type { TransformersEmbedderOptions } from './transformers-embedder.ts';
import type { WireError, WorkerEmbedderData, WorkerReply, WorkerRequest } from './worker-embedder-thread.ts';

export interface WorkerEmbedderOptions extends TransformersEmbedderOptions {}

export type WorkerEmbedder = Embedder & { embedSpans: NonNullable<Embedder['embedSpans']> };

/** Plain-JS shim that registers tsx in the worker, then loads worker-embedder-thread.ts. */
const ENTRY = new URL('./worker-embedder-entry.mjs', import.meta.url);

const CODES = new Set<string>(Object.values(EmbeddingErrorCode));

/** Rebuilds an error from the worker: an EmbeddingError with the same code and message when coded. */
function fromWire(w: WireError): Error {
  if (w.code !== undefined && CODES.has(w.code)) return new CodedError('EmbeddingError', w.code, w.message, w.field);
  const e = new Error(w.message);
  e.name = w.name;
  return e;
}


const isPlain = (v: unknown): boolean => v === null || ['string', 'number', 'boolean', 'undefined', 'bigint'].includes(typeof v);

/**
 * Options that cannot cross to the worker (a function, an object as a value...) are invalid for the
 * in-process adapter anyway: let it report them, with its exact error, before it touches the disk.
 */
async function rejectUncloneable(opts: unknown): Promise<void> {
  if (isPlain(opts) || (typeof opts === 'object' && Object.values(opts as object).every(isPlain))) return;
  const { createTransformersEmbedder } = await import('./transformers-embedder.ts');
  const e = await createTransformersEmbedder(opts as TransformersEmbedderOptions);
  await e.dispose();
  throw invalidOption('options', opts, 'an options object of plain values');
}

/**
 * Starts one worker running `createTransformersEmbedder(opts)` and resolves once the model is loaded.
 * Rejects with the in-process adapter's error (same code and message) when the worker cannot create
 * the embedder (MODEL_MISSING, INVALID_OPTION, ...), and the worker is gone. Callers must `dispose()`.
 */
export async function createWorkerEmbedder(opts?: WorkerEmbedderOptions): Promise<WorkerEmbedder> {
  await rejectUncloneable(opts);
  const worker = new Worker(ENTRY, { workerData: { options: opts } satisfies WorkerEmbedderData });
  return attachWorkerEmbedder(worker);
}

interface Pending {
  readonly resolve: (reply: WorkerReply) => void;
  readonly reject: (e: Error) => void;
}

/**
 * The embedder over a started worker that speaks the worker-embedder-thread.ts protocol. Exported for
 * tests (a tiny fake worker can die on cue); everyone else calls `createWorkerEmbedder`.
 */
export async function attachWorkerEmbedder(worker: Worker): Promise<WorkerEmbedder> {
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let disposed = false;
  /** Set once the worker has died on its own: every pending and later request rejects with it. */
  let dead: CodedError | undefined;
  let lastError: Error | undefined;
  let onStart: ((reply: WorkerReply | Error) => void) | undefined;

  const died = (code: number | undefined): CodedError => {
    const why = lastError ? `: ${lastError.message}` : '';
    return embeddingError('MODEL_LOAD_FAILED', { reason: `embedding worker exited unexpectedly (exit code ${code ?? 'none'})${why}` }, undefined, lastError ? { cause: lastError } : {});
  };
  const failAll = (e: Error) => {
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };

  worker.on('message', (reply: WorkerReply) => {
    if (reply.type === 'ready' || reply.type === 'failed') return onStart?.(reply);
    const p = pending.get(reply.id);
    if (!p) return;
    pending.delete(reply.id);
    if (reply.type === 'error') p.reject(fromWire(reply.error));
    else p.resolve(reply);
  });
  worker.on('messageerror', (e) => (lastError = e));
  worker.on('error', (e) => {
    lastError = e;
    if (disposed) return;
    dead ??= died(undefined);
    failAll(dead);
    onStart?.(dead);
  });
  worker.on('exit', (code) => {
    if (disposed) return;
    dead = died(code);
    failAll(dead);
    onStart?.(dead);
  });

  const ready = await new Promise<WorkerReply | Error>((resolve) => (onStart = resolve));
  onStart = undefined;
  if (ready instanceof Error || ready.type !== 'ready') {
    disposed = true;
    await worker.terminate();
    if (ready instanceof Error) throw embeddingError('MODEL_LOAD_FAILED', { reason: ready.message.replace('exited unexpectedly', 'failed to start') }, undefined, { cause: ready.cause ?? ready });
    throw ready.type === 'failed' ? fromWire(ready.error) : embeddingError('MODEL_LOAD_FAILED', { reason: `embedding worker sent ${ready.type} before ready` });
  }
  const { modelId, dimensions } = ready;

  function request(req: WorkerRequest): Promise<WorkerReply> {
    return new Promise<WorkerReply>((resolve, reject) => {
      pending.set(req.id, { resolve, reject });
      try {
        worker.postMessage(req);
      } catch (e) {
        pending.delete(req.id);
        reject(e as Error);
      }
    });
  }

  function usable(): void {
    if (disposed) throw embeddingError('DISPOSED', { model: modelId });
    if (dead) throw dead;
  }

  return {
    modelId,
    dimensions,
    async embed(texts: readonly string[]): Promise<Float32Array[]> {
      usable();
      if (!Array.isArray(texts) || texts.some((t) => typeof t !== 'string')) throw invalidOption('texts', texts, 'an array of strings');
      if (texts.length === 0) return [];
      const reply = await request({ id: nextId++, op: 'embed', texts: [...texts] });
      if (reply.type !== 'vectors') throw embeddingError('MODEL_LOAD_FAILED', { reason: `embedding worker answered embed with ${reply.type}` });
      return reply.vectors;
    },
    async embedSpans(items: readonly SpanRequest[]): Promise<SpanEmbedding[]> {
      usable();
      checkSpanRequests(items);
      if (items.length === 0) return [];
      // Only text and spans cross: other properties of the caller's objects may not be cloneable.
      const plain = items.map((it) => ({ text: it.text, spans: it.spans.map(([a, b]) => [a, b] as const) }));
      const reply = await request({ id: nextId++, op: 'embedSpans', items: plain });
      if (reply.type !== 'spans') throw embeddingError('MODEL_LOAD_FAILED', { reason: `embedding worker answered embedSpans with ${reply.type}` });
      return reply.results;
    },
    async dispose() {
      if (disposed) return;
      disposed = true;
      failAll(embeddingError('DISPOSED', { model: modelId }));
      await worker.terminate();
    },
  };
}
