import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Embedder } from '../ports/embedder.ts';
import { dot } from '../embedding/vector-math.ts';
import { createTransformersEmbedder } from './transformers-embedder.ts';
import { attachWorkerEmbedder, createWorkerEmbedder, type WorkerEmbedder } from './worker-embedder.ts';

const OPTS = { dtype: 'q8', batchSize: 16 } as const;
const TEXTS = ['a much longer sentence about welding steel pipes on site', 'SQL', 'Python programming', 'x', '', 'manage budgets and forecasts for a department', 'Java'];
const SPANS = [
  { text: 'manage a team of software developers', spans: [[0, 6], [17, 36], [3, 3]] as [number, number][] },
  { text: 'Python', spans: [[0, 6]] as [number, number][] },
];
/** ~200 sentences of mixed length, deterministic. */
const MANY = Array.from({ length: 200 }, (_, i) => `${'analyse data and report findings to stakeholders '.repeat(1 + (i % 5))}item ${i}`);

let local: Embedder;
let worker: WorkerEmbedder;
beforeAll(async () => {
  [local, worker] = await Promise.all([createTransformersEmbedder(OPTS), createWorkerEmbedder(OPTS)]);
});
afterAll(async () => {
  await local?.dispose();
  await worker?.dispose();
});

/** Resolves `f()` and counts the setImmediate ticks the calling thread ran meanwhile. */
async function ticksDuring<T>(f: () => Promise<T>): Promise<number> {
  let done = false;
  let ticks = 0;
  const p = f().finally(() => (done = true));
  await new Promise<void>((resolve) => {
    const tick = () => (done ? resolve() : (ticks++, setImmediate(tick)));
    setImmediate(tick);
  });
  await p;
  return ticks;
}

const expectSame = (a: readonly Float32Array[], b: readonly Float32Array[]) => {
  expect(a.length).toBe(b.length);
  a.forEach((v, i) => {
    expect(v).toBeInstanceOf(Float32Array);
    expect(v.length).toBe(384);
    expect(dot(v, b[i]!)).toBeGreaterThan(0.99999);
  });
};

describe('createWorkerEmbedder', () => {
  it('resolves modelId and dimensions from the worker', () => {
    expect(worker.modelId).toBe('all-MiniLM-L6-v2@q8');
    expect(worker.dimensions).toBe(384);
  });

  it('embed() returns the in-process vectors in input order', async () => {
    expectSame(await worker.embed(TEXTS), await local.embed(TEXTS));
    expect(await worker.embed([])).toEqual([]);
  });

  it('embedSpans() returns the in-process text and span vectors in input order', async () => {
    const [got, want] = await Promise.all([worker.embedSpans(SPANS), local.embedSpans!(SPANS)]);
    expect(got.length).toBe(2);
    got.forEach((g, i) => {
      expectSame([g.vector], [want[i]!.vector]);
      expect(g.spans.length).toBe(SPANS[i]!.spans.length);
      g.spans.forEach((s, j) => {
        const w = want[i]!.spans[j]!;
        if (dot(w, w) === 0) expect(dot(s, s)).toBe(0); // a span over no token is the zero vector
        else expect(dot(s, w)).toBeGreaterThan(0.99999);
      });
    });
  });

  it('embed() leaves the event loop free while the worker embeds (in-process blocks it)', async () => {
    const inWorker = await ticksDuring(() => worker.embed(MANY));
    const inProcess = await ticksDuring(() => local.embed(MANY));
    if (process.env['SG_PRINT_TICKS']) console.log({ inWorker, inProcess });
    expect(inWorker).toBeGreaterThan(20);
    expect(inWorker).toBeGreaterThan(5 * inProcess);
  });

  it('concurrent embed() calls each get their own results', async () => {
    const groups = [TEXTS, MANY.slice(0, 40), ['Java'], TEXTS.slice().reverse(), MANY.slice(150)];
    const [got, want] = await Promise.all([Promise.all(groups.map((g) => worker.embed(g))), Promise.all(groups.map((g) => local.embed(g)))]);
    got.forEach((g, i) => expectSame(g, want[i]!));
  });

  it('embed() and embedSpans() reject bad input with the in-process invalid <option>: <value> errors', async () => {
    for (const bad of [[1], 'text', null]) {
      const err = await local.embed(bad as never).catch((e: unknown) => e);
      await expect(worker.embed(bad as never)).rejects.toMatchObject({ code: 'INVALID_OPTION', message: (err as Error).message });
    }
    for (const bad of [{ text: 'ab', spans: [[1, 3]] }, { text: 1, spans: [] }]) {
      const err = await local.embedSpans!([bad] as never).catch((e: unknown) => e);
      await expect(worker.embedSpans([bad] as never)).rejects.toMatchObject({ code: 'INVALID_OPTION', message: (err as Error).message });
    }
  });

  it('createWorkerEmbedder() rejects bad options and missing models with the in-process code and message', async () => {
    const ports = () => process.getActiveResourcesInfo().filter((r) => r === 'MessagePort').length;
    const before = ports();
    for (const opts of [{ dtype: 'int4' }, { batchSize: 0 }, { batchSize: () => 1 }, { colour: 'red' }, { modelsDir: '/nonexistent' }]) {
      const err = (await createTransformersEmbedder(opts as never).catch((e: unknown) => e)) as { code: string; message: string };
      expect(err.code).toMatch(/^(INVALID_OPTION|MODEL_MISSING)$/);
      await expect(createWorkerEmbedder(opts as never)).rejects.toMatchObject({ name: 'EmbeddingError', code: err.code, message: err.message });
    }
    expect(ports()).toBe(before); // each failed worker is gone
  });

  it('dispose() terminates the worker: pending and later calls reject DISPOSED', async () => {
    const e = await createWorkerEmbedder(OPTS);
    const inFlight = expect(e.embed(MANY)).rejects.toMatchObject({ code: 'DISPOSED' });
    await e.dispose();
    await inFlight;
    await expect(e.embed(['x'])).rejects.toMatchObject({ code: 'DISPOSED', message: 'embedder all-MiniLM-L6-v2@q8 was disposed' });
    await expect(e.embedSpans([])).rejects.toMatchObject({ code: 'DISPOSED' });
    await e.dispose(); // idempotent
  });
});

describe('attachWorkerEmbedder', () => {
  /** A fake worker that is ready at once and exits with code 3 on its first request. */
  const dying = () =>
    new Worker(
      `const { parentPort } = require('node:worker_threads');
       parentPort.postMessage({ type: 'ready', modelId: 'fake@1', dimensions: 2 });
       parentPort.on('message', () => process.exit(3));`,
      { eval: true },
    );

  it('rejects pending and later calls with MODEL_LOAD_FAILED when the worker dies', async () => {
    const e = await attachWorkerEmbedder(dying());
    expect(e.modelId).toBe('fake@1');
    await expect(e.embed(['a'])).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED', message: expect.stringMatching(/worker exited unexpectedly \(exit code 3\)/) });
    await expect(e.embedSpans([{ text: 'a', spans: [] }])).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED' });
    await e.dispose();
    await expect(e.embed(['a'])).rejects.toMatchObject({ code: 'DISPOSED' });
  });

  it('rejects with MODEL_LOAD_FAILED when the worker dies before it is ready', async () => {
    const w = new Worker(`throw new Error('boom')`, { eval: true });
    await expect(attachWorkerEmbedder(w)).rejects.toMatchObject({ code: 'MODEL_LOAD_FAILED', message: expect.stringMatching(/failed to start.*boom/) });
  });
});
