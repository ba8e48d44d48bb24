/**
 * Issue 18, idea (b): a linear adapter on MiniLM query vectors (engine/embedding/linear-adapter.ts), fitted in
 * closed form on the linking training set — ridge regression of each training text's vector onto its gold
 * skills' preferred-label vectors, shrunk toward the identity. Fitted on the training queries that are NOT in
 * fit-linking-weights' seeded subsample (so the fusion weights are then fitted on queries the adapter never
 * saw); λ chosen on that subsample (label-only top-5 recall of the gold among preferred labels), no dev set.
 *
 *   npx tsx scripts/fit-linking-adapter.ts [--max-train 1500] [--seed 9]   # writes .cache/linking-train/adapter.json
 *   npx tsx scripts/fit-linking-weights.ts --max-train 1500 --adapter .cache/linking-train/adapter.json …
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { applyAdapter, fitLinearAdapter, type LinearAdapter } from '../engine/embedding/linear-adapter.ts';
import { RowKind } from '../engine/linking/label-rows.ts';
import { escoLinking } from '../bench/lib/esco-linking.ts';
import { readTrainingSet, subsampleIndices, type TrainLine } from './lib/training-set.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const seed = Number(opt('seed', '9'));
const maxTrain = Number(opt('max-train', '1500'));
const trainFile = opt('train', '.cache/linking-train/train.jsonl');
const out = opt('out', '.cache/linking-train/adapter.json');
const LAMBDAS = [1, 3, 10, 30, 100];

const { model, cache, embedder, index } = await escoLinking('q8');
const skillAt = new Map(index.skills.map((s, k) => [s.id, k]));
/** Preferred-label row vector of skill k. */
const preferred = (k: number): Float32Array => {
  for (let r = index.skillStart[k]!; r < index.skillStart[k + 1]!; r++) if (index.rowKind[r] === RowKind.Preferred) return index.matrix.subarray(r * index.dim, (r + 1) * index.dim);
  throw new Error(`no preferred label row for skill ${k}`);
};

const all = readTrainingSet(trainFile);
// The same seeded subsample as fit-linking-weights: the fusion weights' queries; the adapter is fitted on the rest.
const inSub = new Set(subsampleIndices(all.length, maxTrain, seed));
const fitLines = all.filter((_, i) => !inSub.has(i));
const checkLines = all.filter((_, i) => inSub.has(i) && all[i]!.kind !== 'label' && all[i]!.kind !== 'course');
const vec = async (lines: readonly TrainLine[]) => embedder.embed(lines.map((l) => l.text));
const fitVecs = await vec(fitLines);
const pairs = fitLines.flatMap((l, i) => {
  const gold = l.skills.map((id) => skillAt.get(id)).filter((k): k is number => k !== undefined);
  return gold.map((k) => ({ query: fitVecs[i]!, target: preferred(k), weight: 1 / gold.length }));
});
const checkVecs = await vec(checkLines);
/** Share of check queries with a gold skill among the top 5 preferred labels by cosine (the index's preferred-label scorer). */
const recall5 = async (a: LinearAdapter | null): Promise<number> => {
  const qs = checkVecs.map((v) => (a ? applyAdapter(a, v) : v));
  let hit = 0;
  for (let c = 0; c < qs.length; c += 96) {
    const top = await index.topPreferred(qs.slice(c, c + 96), 5);
    for (let q = 0; q < Math.min(96, qs.length - c); q++) {
      const gold = checkLines[c + q]!.skills;
      for (let j = 0; j < top.k; j++) {
        if (gold.includes(index.skills[top.rows[q * top.k + j]!]!.id)) {
          hit++;
          break;
        }
      }
    }
  }
  return hit / qs.length;
};
console.log(`adapter fitted on ${fitLines.length} training queries (${pairs.length} pairs), checked on ${checkLines.length} sentence queries of the fusion subsample`);
console.log(`identity (no adapter): label-only recall@5 ${(100 * await recall5(null)).toFixed(1)}`);
let kept: { lambda: number; r: number; a: LinearAdapter } | null = null;
for (const lambda of LAMBDAS) {
  const a = fitLinearAdapter(pairs, lambda);
  const r = await recall5(a);
  console.log(`λ ${lambda}: label-only recall@5 ${(100 * r).toFixed(1)}`);
  if (!kept || r > kept.r) kept = { lambda, r, a };
}
writeFileSync(out, JSON.stringify({ model: embedder.modelId, lambda: kept!.lambda, seed, maxTrain, train: sha256Hex(readFileSync(trainFile, 'utf8')).slice(0, 16), dim: kept!.a.dim, matrix: Array.from(kept!.a.matrix, (x) => Math.round(x * 1e6) / 1e6) }));
console.log(`kept λ ${kept!.lambda}; wrote ${out}`);
await index.dispose();
await model.dispose();
await cache.close();
