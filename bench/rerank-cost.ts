/**
 * Issue 18 round 3: the CPU cost per posting of stage 2 (the cross-encoder reranker) against stage 1 alone, in
 * the same run. Postings: hahu dev (title + description, cut to 300 words), linked as the imports link them
 * (`linkMany`, 16 texts per batch, in-process model). Rows: stage 1 COLD (fresh in-memory cache: every sentence
 * and phrase embedded) and WARM (same postings over that cache); then stage 1 + 2 with the vectors warm and the
 * logits COLD (fresh logit cache: every requirement segment's top K scored by the model) and WARM (logits
 * cached: no model call). Process CPU time (user + system, all threads) per posting is the figure.
 *
 * A last row runs the cold pass again with 16 pairs per model run instead of one.
 *
 *   npx tsx bench/rerank-cost.ts [--postings 60] [--model engine/linking/weights/skill-reranker.onnx] [--top-k K] [--weight W]
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { createOnnxReranker, defaultRerankerFile } from '../engine/adapters/onnx-reranker.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { createCachedReranker } from '../engine/embedding/cached-reranker.ts';
import { createMemoryCache } from '../engine/embedding/memory-cache.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { weightsFor } from '../engine/linking/linking-weights.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { escoLexical, escoLinking } from './lib/esco-linking.ts';

const argv = process.argv.slice(2);
const opt = (name: string): string | undefined => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const n = Number(opt('postings') ?? 60);
const { taxonomy, priors, model, cache, index } = await escoLinking('q8');
const lexical = escoLexical(taxonomy);
const stored = weightsFor(model.modelId, 'embedded')?.rerank;
const topK = Number(opt('top-k') ?? stored?.topK ?? 20);
const weight = Number(opt('weight') ?? stored?.weight ?? 1);
const calibration = stored?.calibration ?? { a: 0.5, b: -5 };
const onnx = await createOnnxReranker({ file: opt('model') ?? defaultRerankerFile() });
const words300 = (t: string) => t.split(/\s+/).slice(0, 300).join(' ');
const postings = (parse(readFileSync(sharedPath('datasets', 'hahu-job-postings-esco', 'hahu_dev.csv'), 'utf8'), { columns: true }) as Record<string, string>[])
  .slice(0, n)
  .map((p) => words300(`${p['title']}\n${p['description']}`));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const vectors = createCachedEmbedder({ embedder: model, cache: createMemoryCache(), hash: sha256Hex });
const options = { index: { ...index, modelId: vectors.modelId }, lexical, embedder: vectors, priors };
const time = async (link: (texts: readonly string[]) => Promise<unknown>) => {
  const c = cpu();
  const w = performance.now();
  await link(postings);
  return { cpu: (cpu() - c) / postings.length, wall: (performance.now() - w) / postings.length };
};
const stage1 = createLinker({ ...options, rerank: false });
const s1cold = await time((t) => stage1.linkMany(t));
const s1warm = await time((t) => stage1.linkMany(t));
const logits = createCachedReranker({ reranker: onnx, cache: createMemoryCache(), hash: sha256Hex });
const both = createLinker({ ...options, reranker: logits, rerank: { topK, weight, calibration } });
const s2cold = await time((t) => both.linkMany(t));
const pairs = logits.stats.scored / postings.length;
const s2warm = await time((t) => both.linkMany(t));
// The same cold pass with the model run on batches of 16 pairs (int8 activations quantised per batch: logits move slightly with their batch mates).
const batchedModel = await createOnnxReranker({ file: opt('model') ?? defaultRerankerFile(), batchSize: 16 });
const batched = createLinker({ ...options, reranker: createCachedReranker({ reranker: batchedModel, cache: createMemoryCache(), hash: sha256Hex }), rerank: { topK, weight, calibration } });
const s2batched = await time((t) => batched.linkMany(t));
await batchedModel.dispose();
const ms = (x: number) => x.toFixed(0);
console.log(`${postings.length} hahu dev postings (≤ 300 words), linkMany, all-MiniLM-L6-v2@q8, reranker ${onnx.modelId} (K ${topK}, one intra-op thread); ${pairs.toFixed(0)} pairs scored per posting cold\n`);
console.log('| run | CPU ms / posting | × stage 1 warm | wall ms / posting |\n|---|---:|---:|---:|');
for (const [name, r] of [
  ['stage 1, cold (every text embedded)', s1cold],
  ['stage 1, warm (vectors cached)', s1warm],
  ['stage 1 + 2, vectors warm, logits cold (model scores every pair, one pair per run: the default)', s2cold],
  ['stage 1 + 2, vectors warm, logits cold, batches of 16 pairs per run', s2batched],
  ['stage 1 + 2, warm (vectors and logits cached)', s2warm],
] as const) {
  console.log(`| ${name} | ${ms(r.cpu)} | ${(r.cpu / s1warm.cpu).toFixed(2)}× | ${ms(r.wall)} |`);
}
console.log(`\nstage 2 alone: cold ${ms(s2cold.cpu - s1warm.cpu)} CPU ms / posting (batches of 16: ${ms(s2batched.cpu - s1warm.cpu)}) (${((s2cold.cpu - s1warm.cpu) / s1cold.cpu).toFixed(2)}× stage 1 cold), warm ${ms(s2warm.cpu - s1warm.cpu)} CPU ms / posting (${((s2warm.cpu - s1warm.cpu) / s1warm.cpu).toFixed(2)}× stage 1 warm)`);
await logits.dispose();
await index.dispose();
await model.dispose();
await cache.close();
