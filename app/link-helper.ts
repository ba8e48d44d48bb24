/**
 * A link helper: a second linker in a worker thread, so `linkMany` scores texts on two cores (issue 18).
 * On a warm store the embedding model is idle (every vector is in the cache) and the scoring — candidate
 * search, TF-IDF, features — runs on one JS thread; the helper takes chunks of texts from the same queue
 * as the calling thread. It builds its own skill index and lexical index from the snapshot files the
 * calling thread's pipeline has written (content-keyed, so the same rows), gets the same priors and
 * options, and asks the calling thread for vectors (its cached embedder: the store's cache, then the
 * model), so its links are those the calling thread would give the same texts.
 */
import { Worker } from 'node:worker_threads';
import type { Embedder, SpanEmbedding, SpanRequest } from '../engine/ports/embedder.ts';
import type { SkillPriors } from '../engine/linking/features.ts';
import type { TextKind } from '../engine/linking/linking-weights.ts';
import type { LinkResult } from '../engine/linking/link-text.ts';
import type { TfidfData } from '../engine/linking/tfidf-index.ts';
import type { Skill } from '../taxonomy/model/types.ts';

/** What the helper builds its linker from (the calling pipeline's inputs, cloned into the thread). */
export interface LinkHelperInit {
  readonly skills: readonly Skill[];
  readonly priors: SkillPriors;
  readonly threshold?: number;
  readonly textKind?: TextKind;
  readonly modelId: string;
  readonly dimensions: number;
  /** Whether the embedder has `embedSpans` (the linker's phrase mode depends on it). */
  readonly spans: boolean;
  /**
   * The SQLite file the caller's embedding cache lives in, when it is one: the helper reads cached
   * vectors from it itself (read-only) and asks the caller only for the others, so it never waits for
   * the caller's thread on a warm store.
   */
  readonly cacheFile?: string;
  /**
   * The caller sends the lexical index's arrays as it loaded them (a `lexical` message, in shared memory:
   * no second read or parse of the snapshot file); the thread waits for it before it builds its lexical index.
   */
  readonly lexicalFromCaller?: boolean;
}

/** Thread → caller. */
export type HelperMessage =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly message: string }
  | { readonly type: 'embed'; readonly id: number; readonly texts: readonly string[] }
  | { readonly type: 'embedSpans'; readonly id: number; readonly items: readonly SpanRequest[] }
  | { readonly type: 'linked'; readonly id: number; readonly results: LinkResult[][] }
  | { readonly type: 'linkFailed'; readonly id: number; readonly message: string };

/** Caller → thread. */
export type CallerMessage =
  /** `kind`: the kind of text (its calibration; CV verb forms), default the helper's own `textKind`. */
  | { readonly type: 'link'; readonly id: number; readonly texts: readonly string[]; readonly kind?: TextKind; readonly occupations?: readonly (string | null)[] }
  | { readonly type: 'vectors'; readonly id: number; readonly vectors: Float32Array[] }
  | { readonly type: 'spans'; readonly id: number; readonly results: SpanEmbedding[] }
  | { readonly type: 'embedFailed'; readonly id: number; readonly message: string }
  /** The caller's lexical-index arrays (SharedArrayBuffer-backed), or null: the thread reads the snapshot file itself. */
  | { readonly type: 'lexical'; readonly data: TfidfData | null }
  /** Finish the links in progress, release the sessions and end the thread. */
  | { readonly type: 'close' };

export interface LinkHelper {
  /** Links `texts` as `kind` of text (default the helper's `textKind`): the links the caller's linker of that kind gives. */
  linkMany(texts: readonly string[], kind?: TextKind, occupations?: readonly (string | null)[]): Promise<LinkResult[][]>;
  dispose(): Promise<void>;
}

const ENTRY = new URL('./link-helper-entry.mjs', import.meta.url);

/**
 * Starts a helper thread; resolves once its linker is built. `embedder` answers its vector requests;
 * `lexical`, when given, the caller's lexical-index arrays once loaded (see `lexicalFromCaller`).
 */
export async function startLinkHelper(init: LinkHelperInit, embedder: Embedder, lexical?: Promise<TfidfData | null>): Promise<LinkHelper> {
  const worker = new Worker(ENTRY, { workerData: lexical ? { ...init, lexicalFromCaller: true } : init });
  if (lexical) {
    const send = (data: TfidfData | null): void => worker.postMessage({ type: 'lexical', data } satisfies CallerMessage);
    lexical.then(send, () => send(null));
  }
  const pending = new Map<number, { resolve: (r: LinkResult[][]) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let dead: Error | null = null;
  let onReady: ((e: Error | null) => void) | null = null;
  const fail = (e: Error): void => {
    dead ??= e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
    onReady?.(e);
  };
  worker.on('error', (e) => fail(e));
  let exited = false;
  worker.on('exit', (code) => {
    exited = true;
    fail(new Error(`link helper exited (code ${code})`));
  });
  worker.on('message', (m: HelperMessage) => {
    switch (m.type) {
      case 'ready':
        return onReady?.(null);
      case 'failed':
        return fail(new Error(`link helper failed to start: ${m.message}`));
      case 'embed':
        embedder.embed(m.texts).then(
          (vectors) => worker.postMessage({ type: 'vectors', id: m.id, vectors } satisfies CallerMessage),
          (e: unknown) => worker.postMessage({ type: 'embedFailed', id: m.id, message: String((e as Error)?.message ?? e) } satisfies CallerMessage),
        );
        return;
      case 'embedSpans':
        embedder.embedSpans!(m.items).then(
          (results) => worker.postMessage({ type: 'spans', id: m.id, results } satisfies CallerMessage),
          (e: unknown) => worker.postMessage({ type: 'embedFailed', id: m.id, message: String((e as Error)?.message ?? e) } satisfies CallerMessage),
        );
        return;
      case 'linked':
      case 'linkFailed': {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (m.type === 'linked') p?.resolve(m.results);
        else p?.reject(new Error(m.message));
      }
    }
  });
  const started = await new Promise<Error | null>((resolve) => (onReady = resolve));
  onReady = null;
  if (started) {
    await worker.terminate();
    throw started;
  }
  return {
    linkMany(texts, kind, occupations) {
      if (dead) return Promise.reject(dead);
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: 'link', id, texts: [...texts], ...(kind ? { kind } : {}), ...(occupations ? { occupations: [...occupations] } : {}) } satisfies CallerMessage);
      });
    },
    async dispose() {
      if (exited) return;
      dead ??= new Error('link helper disposed');
      // The thread ends itself after its links in progress (see link-helper-thread.ts); terminate only if it hangs.
      const gone = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ type: 'close' } satisfies CallerMessage);
      const timer = setTimeout(() => void worker.terminate(), 30_000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/**
 * Texts per chunk of the shared queue: one batch of the linker's (16 texts per model step), so the batches,
 * and with them the links, are those of one thread alone; small enough that the thread that finishes first
 * waits at most one batch for the other at the end of the queue.
 */
export const HELPER_CHUNK = 16;

/**
 * `linkMany` over two linkers: `local` (the calling thread's) and the helper once it has started, taking
 * chunks of HELPER_CHUNK texts from one queue; results in input order; `onProgress` gets the number of
 * texts linked after each chunk; `kind` is the kind of text the helper links them as (the one `local` links), `occupations`
 * the texts' stated occupations (sliced with them). A chunk the helper could not link
 * (it died) is linked locally, so a helper failure costs speed, never results.
 */
export async function linkManyShared(
  texts: readonly string[],
  local: (texts: readonly string[], occupations?: readonly (string | null)[]) => Promise<LinkResult[][]>,
  helper: Promise<LinkHelper | null>,
  onProgress?: (done: number) => void,
  kind?: TextKind,
  occupations?: readonly (string | null)[],
): Promise<LinkResult[][]> {
  const out: LinkResult[][] = new Array(texts.length);
  const queue: number[] = [];
  for (let i = 0; i < texts.length; i += HELPER_CHUNK) queue.push(i);
  let done = 0;
  const put = (from: number, results: LinkResult[][]): void => {
    results.forEach((r, j) => (out[from + j] = r));
    done += results.length;
    onProgress?.(done);
  };
  const runLocal = async (): Promise<void> => {
    for (let from = queue.shift(); from !== undefined; from = queue.shift()) put(from, await local(texts.slice(from, from + HELPER_CHUNK), occupations?.slice(from, from + HELPER_CHUNK)));
  };
  const runHelper = async (): Promise<void> => {
    const h = await helper;
    if (!h) return;
    for (let from = queue.shift(); from !== undefined; from = queue.shift()) {
      try {
        put(from, await h.linkMany(texts.slice(from, from + HELPER_CHUNK), kind, occupations?.slice(from, from + HELPER_CHUNK)));
      } catch {
        queue.push(from);
        return;
      }
    }
  };
  await Promise.all([runLocal(), runHelper()]);
  // chunks handed back by a helper that failed after the local loop had finished
  await runLocal();
  return out;
}
