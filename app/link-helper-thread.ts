/**
 * Thread side of a link helper (see link-helper.ts): builds a linker from the snapshot files and the
 * caller's inputs, with an embedder that asks the caller for vectors, then links chunks of texts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { embeddingsAccess } from '../taxonomy/stores/sqlite/embeddings.ts';
import type { Embedder, SpanEmbedding } from '../engine/ports/embedder.ts';
import type { CallerMessage, HelperMessage, LinkHelperInit } from './link-helper.ts';
import type { Linker } from '../engine/linking/link-text.ts';
import type { TextKind } from '../engine/linking/linking-weights.ts';
import type { TfidfData } from '../engine/linking/tfidf-index.ts';
import { buildLinker, kindLinker } from './linking-pipeline.ts';
import { mark } from './timing.ts';

mark('link helper: modules loaded');

if (!parentPort) throw new Error('link-helper-thread.ts runs only as a worker thread (see link-helper.ts)');
const port = parentPort;
const init = workerData as LinkHelperInit;

const waiting = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
let nextId = 1;
function ask<T>(msg: (id: number) => HelperMessage): Promise<T> {
  const id = nextId++;
  return new Promise<T>((resolve, reject) => {
    waiting.set(id, { resolve: resolve as (v: unknown) => void, reject });
    port.postMessage(msg(id));
  });
}

/** Cached vectors read in this thread from the caller's SQLite cache (read-only), or null without one. */
function localCache(): ((modelId: string, hashes: readonly string[]) => Map<string, Float32Array>) | null {
  if (!init.cacheFile || init.cacheFile === ':memory:') return null;
  try {
    const db = new Database(init.cacheFile, { readonly: true, fileMustExist: true });
    const access = embeddingsAccess(db);
    return (modelId, hashes) => {
      try {
        return access.get(modelId, hashes);
      } catch {
        return new Map();
      }
    };
  } catch {
    return null;
  }
}
const local = localCache();

const remoteEmbed = (texts: readonly string[]): Promise<Float32Array[]> => ask<Float32Array[]>((id) => ({ type: 'embed', id, texts: [...texts] }));

/** The caller's vectors: cached ones read here, the others (and any of a wrong size) from the caller (its cache, then the model). */
async function embed(texts: readonly string[]): Promise<Float32Array[]> {
  if (!local || texts.length === 0) return remoteEmbed(texts);
  const hashes = texts.map(sha256Hex);
  const found = local(init.modelId, hashes);
  const missing = [...new Set(texts.filter((_, i) => found.get(hashes[i]!)?.length !== init.dimensions))];
  if (missing.length > 0) {
    const got = await remoteEmbed(missing);
    missing.forEach((t, j) => found.set(sha256Hex(t), got[j]!));
  }
  return hashes.map((h) => found.get(h)!);
}

const embedder: Embedder = {
  modelId: init.modelId,
  dimensions: init.dimensions,
  embed,
  ...(init.spans ? { embedSpans: (items) => ask<SpanEmbedding[]>((id) => ({ type: 'embedSpans', id, items: items.map((it) => ({ text: it.text, spans: it.spans.map(([a, b]) => [a, b] as const) })) })) } : {}),
  dispose: async () => {},
};

/** The caller's lexical-index arrays, when it sends them (`lexicalFromCaller`). */
let lexicalArrived: (data: TfidfData | null) => void = () => {};
const lexicalData = init.lexicalFromCaller ? new Promise<TfidfData | null>((resolve) => (lexicalArrived = resolve)) : undefined;

const building = buildLinker(
  embedder,
  { skills: init.skills, priors: init.priors, ortThreads: 1, ...(init.threshold !== undefined ? { threshold: init.threshold } : {}), ...(init.textKind ? { textKind: init.textKind } : {}) },
  undefined,
  lexicalData ? { lexicalData } : {},
);

/** The linker of each kind of text, over the one index (made on first use; the built one is the helper's own kind). */
const byKind = new Map<TextKind, Promise<Linker>>();
function linkerOf(kind: TextKind | undefined): Promise<Linker> {
  const own = init.textKind ?? 'posting';
  const k = kind ?? own;
  let l = byKind.get(k);
  if (!l) {
    l = building.then(({ linker }) =>
      k === own ? linker : kindLinker(linker, embedder, init, k),
    );
    byKind.set(k, l);
  }
  return l;
}

/** Links in progress: `close` waits for them before it releases the ORT sessions. */
const inflight = new Set<Promise<unknown>>();

port.on('message', (m: CallerMessage) => {
  if (m.type === 'link') {
    const job = linkerOf(m.kind)
      .then((linker) => linker.linkMany(m.texts, m.occupations ? { occupations: m.occupations } : {}))
      .then(
        (results) => port.postMessage({ type: 'linked', id: m.id, results } satisfies HelperMessage),
        (e: unknown) => port.postMessage({ type: 'linkFailed', id: m.id, message: String((e as Error)?.message ?? e) } satisfies HelperMessage),
      );
    inflight.add(job);
    void job.finally(() => inflight.delete(job));
    return;
  }
  if (m.type === 'lexical') {
    lexicalArrived(m.data);
    return;
  }
  if (m.type === 'close') {
    // Ends the thread from inside once nothing runs: terminating it from outside during a native ORT call can abort the process.
    void Promise.allSettled([...inflight])
      .then(() => building.then(({ index }) => index.dispose(), () => undefined))
      .finally(() => process.exit(0));
    return;
  }
  const w = waiting.get(m.id);
  waiting.delete(m.id);
  if (!w) return;
  if (m.type === 'vectors') w.resolve(m.vectors);
  else if (m.type === 'spans') w.resolve(m.results);
  else w.reject(new Error(m.message));
});

building.then(
  () => port.postMessage({ type: 'ready' } satisfies HelperMessage),
  (e: unknown) => port.postMessage({ type: 'failed', message: String((e as Error)?.message ?? e) } satisfies HelperMessage),
);
