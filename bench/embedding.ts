/**
 * Embedding throughput: the skillgraph embedder adapter (tokenizer from transformers.js + direct
 * onnxruntime-node session, length-sorted batches, mean pooling) vs a BARE onnxruntime-node session
 * (same tokenizer, same batch size, input order, no pooling) and vs the transformers.js
 * `feature-extraction` pipeline, on the same mixed texts in the same process, fp32 and int8 (q8).
 *
 *   npx tsx bench/embedding.ts                # 1,500 ESCO labels + 500 posting sentences, batch 32
 *   npx tsx bench/embedding.ts --texts 4000 --threads 2
 *
 * Texts: every k-th preferred / alternative label of ESCO skills_en.csv and sentences of hahu_dev.csv
 * postings (segmented by engine/linking/segment.ts), interleaved (deterministic). Each measurement is
 * the best of 3 runs after a warm-up (the machine may be shared). Reports texts/s and ratios.
 */
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { AutoTokenizer, env, pipeline } from '@huggingface/transformers';
import { parse } from 'csv-parse/sync';
import * as ort from 'onnxruntime-node';
import { defaultModelsDir } from '../engine/adapters/models-dir.ts';
import { createTransformersEmbedder, type EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { segmentText } from '../engine/linking/segment.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';

const arg = (name: string, def: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : def;
};
const N = arg('texts', 2000);
const BATCH = arg('batch', 32);
const THREADS = arg('threads', Math.min(4, availableParallelism()));
const MODEL = 'all-MiniLM-L6-v2';

function mixedTexts(n: number): string[] {
  const skills = parse(readFileSync(sharedPath('datasets', 'esco-v1.1.1', 'skills_en.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const labels: string[] = [];
  for (const s of skills) labels.push(s['preferredLabel']!.trim(), ...s['altLabels']!.split('\n').filter(Boolean));
  const postings = parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
  const sentences = postings.flatMap((p) => segmentText(p['description']!).map((s) => s.text)).filter((s) => s.split(/\s+/).length >= 4);
  const nSent = Math.round(n / 4);
  const nLab = n - nSent;
  const pick = <T>(xs: T[], k: number): T[] => Array.from({ length: k }, (_, i) => xs[Math.floor((i * xs.length) / k)]!);
  const a = pick(labels, nLab);
  const b = pick(sentences, nSent);
  const out: string[] = [];
  for (let i = 0, j = 0; out.length < n; ) {
    out.push(a[i++]!, a[i++]!, a[i++]!);
    if (j < b.length) out.push(b[j++]!);
  }
  return out.slice(0, n).filter((t) => t !== undefined);
}

/** Best wall time of `runs` runs after a warm-up, and the process CPU time (all threads) of that run. */
async function best(runs: number, f: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  await f(); // warm-up
  let out = { wall: Infinity, cpu: Infinity };
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await f();
    const wall = performance.now() - t0;
    const c = process.cpuUsage(c0);
    if (wall < out.wall) out = { wall, cpu: (c.user + c.system) / 1000 };
  }
  return out;
}

const texts = mixedTexts(N);
const words = texts.reduce((n, t) => n + t.split(/\s+/).length, 0);
console.log(`texts: ${texts.length} (mean ${(words / texts.length).toFixed(1)} words), batch ${BATCH}, threads ${THREADS}, cores ${availableParallelism()}`);
env.allowRemoteModels = false;
env.localModelPath = `${defaultModelsDir()}/`;
const tokenizer = await AutoTokenizer.from_pretrained(MODEL);

const rows: string[][] = [];
for (const dtype of ['q8', 'fp32'] as EmbedderDtype[]) {
  const file = `${defaultModelsDir()}/${MODEL}/onnx/${dtype === 'q8' ? 'model_quantized' : 'model'}.onnx`;
  const bare = await ort.InferenceSession.create(file, { intraOpNumThreads: THREADS, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const bareRun = async () => {
    for (let i = 0; i < texts.length; i += BATCH) {
      const enc = tokenizer(texts.slice(i, i + BATCH), { padding: true, truncation: true, max_length: 256 });
      const shape = enc.input_ids.dims as number[];
      await bare.run({
        input_ids: new ort.Tensor('int64', enc.input_ids.data as BigInt64Array, shape),
        attention_mask: new ort.Tensor('int64', enc.attention_mask.data as BigInt64Array, shape),
        token_type_ids: new ort.Tensor('int64', enc.token_type_ids!.data as BigInt64Array, shape),
      });
    }
  };
  const ours = await createTransformersEmbedder({ dtype, batchSize: BATCH, threads: THREADS });
  const pipe = await pipeline('feature-extraction', MODEL, { dtype, session_options: { intraOpNumThreads: THREADS } } as never);
  const pipeRun = async () => {
    for (let i = 0; i < texts.length; i += BATCH) await pipe(texts.slice(i, i + BATCH), { pooling: 'mean', normalize: true });
  };
  const tBare = await best(3, bareRun);
  const tOurs = await best(3, () => ours.embed(texts));
  const tPipe = await best(3, pipeRun);
  const rate = (ms: number) => (texts.length / (ms / 1000)).toFixed(0);
  rows.push([
    dtype,
    rate(tOurs.wall),
    rate(tBare.wall),
    (tBare.wall / tOurs.wall).toFixed(2),
    rate(tPipe.wall),
    (tPipe.wall / tOurs.wall).toFixed(2),
    `${rate(tOurs.cpu)} / ${rate(tBare.cpu)} / ${rate(tPipe.cpu)}`,
  ]);
  await ours.dispose();
  await pipe.dispose();
  await bare.release();
}
console.log('| dtype | adapter texts/s | bare ORT texts/s | adapter / bare | transformers.js pipeline texts/s | adapter / pipeline | texts per CPU-second: adapter / bare / pipeline |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
