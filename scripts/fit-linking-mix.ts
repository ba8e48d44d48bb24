/**
 * Issue 18, step after scripts/fit-linking-weights.ts: mixes the weights learned on the training set with
 * the unfitted reference blend (lexical + sentence + embedded phrase, 1/3 each), and fits the ONE mixing
 * weight by leave-one-set-out. Both scores are linear in the same features, so the mix is itself a weight
 * vector (`mixWeights`, engine/eval/reference-mix.ts); nothing else is learned here. Result (docs/BENCHMARKS.md,
 * issue 18): the folds pick α = 0 / 1 / 0 and the mix does not beat the learned weights alone, so nothing is written.
 *
 *   npx tsx scripts/build-linking-trainset.ts
 *   npx tsx scripts/fit-linking-weights.ts --max-train 1500 --keep '<row>' --select-only   # learned weights per fold
 *   npx tsx scripts/fit-linking-mix.ts --weights .cache/linking-train/weights-<…>.json --search default
 *   npx tsx scripts/fit-linking-mix.ts --weights … --search coarse --loso-only   # learned weights alone, another candidate search
 *
 * For each held-out dev set s: the learned weights of fold s (training set + the two other dev sets), mixed
 * at every α of the grid, run as the full pipeline (`Linker.rankSkills`, all skills, `eval linking`'s
 * scorer) on the two OTHER dev sets; α_s = the grid value with the best mean RP@5 there (ties: the larger
 * α, i.e. closer to the unfitted reference); the pipeline with α_s is then scored on s. Also printed: the
 * median of the folds' picks applied to the weights learned on the training set alone (what would ship).
 * Deterministic (no randomness).
 */
import { existsSync, readFileSync } from 'node:fs';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { adaptedEmbedder } from '../engine/embedding/linear-adapter.ts';
import { evalLinking, type LinkingMetrics } from '../engine/eval/eval-linking.ts';
import { REFERENCE_BLEND, REFERENCE_BLEND_WEIGHTS } from '../engine/eval/reference-blend.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { MIX_GRID, mixWeights } from '../engine/eval/reference-mix.ts';
import type { FusionWeights, LinkerOptions } from '../engine/linking/options.ts';
import { escoLexical, escoLinking, readAdapter } from '../bench/lib/esco-linking.ts';
import { readDevSets } from './lib/dev-sets.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const dtype = opt('dtype', 'q8') as EmbedderDtype;
const search = opt('search', 'default');
const weightsFile = opt('weights', '');
const SEARCHES: Record<string, Partial<LinkerOptions>> = {
  /** The first pass's defaults: ≤ 4-word phrases, the best 8 by TF-IDF embedded, no coarse join. */
  default: { maxPhraseWords: 4, maxPhrases: 8, phraseCandidates: 40, phraseCoarse: 0 },
  /** The reference blend's: every 1–6-word window embedded, each window's top 20 preferred labels join. */
  reference: { maxPhraseWords: REFERENCE_BLEND.maxPhraseWords!, maxPhrases: REFERENCE_BLEND.maxPhrases!, phraseCandidates: REFERENCE_BLEND.phraseCandidates!, phraseCoarse: REFERENCE_BLEND.phraseCoarse! },
  /** Between the two: the default phrase pick, plus each kept phrase's top 20 preferred labels (the coarse join). */
  coarse: { maxPhraseWords: 4, maxPhrases: 8, phraseCandidates: 40, phraseCoarse: 20 },
  /** 1–6-word phrases, the best 8 by TF-IDF embedded, coarse join 20. */
  'coarse-6': { maxPhraseWords: 6, phraseCoarse: 20 },
  /** 1–6-word phrases, the best 16 embedded, coarse join 20. */
  'coarse-6-16': { maxPhraseWords: 6, maxPhrases: 16, phraseCoarse: 20 },
  /** The default phrase pick over a larger pool: the best 80 skills by the sentence signals (no extra model call). */
  'pool-80': { phraseCandidates: 80 },
  /** As pool-80, and the skills of each segment's top 200 label/description rows join the pool. */
  'pool-80-rows-200': { phraseCandidates: 80, sentenceRows: 200 },
};
if (!['q8', 'fp32'].includes(dtype) || !SEARCHES[search] || weightsFile === '' || !existsSync(weightsFile)) {
  process.stderr.write('usage: fit-linking-mix --weights .cache/linking-train/weights-<…>.json [--dtype q8|fp32] [--search default|reference|coarse|coarse-6|coarse-6-16|pool-80|pool-80-rows-200] [--adapter FILE] [--loso-only]\n');
  process.exit(2);
}
const learned = JSON.parse(readFileSync(weightsFile, 'utf8')) as { kept: { name: string; subset: string; shrink: string }; trainOnly: FusionWeights; loso: Record<string, FusionWeights> };
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

const { taxonomy, priors, model, cache, embedder, index } = await escoLinking(dtype);
const skills = taxonomy.skills;
const lexical = escoLexical(taxonomy);
const adapterFile = opt('adapter', '');
const adapter = readAdapter(adapterFile);
/** `--adapter FILE`: the learned pipeline's texts pass through the linear adapter (the reference blend does not). */
const base: LinkerOptions = { index, lexical, embedder: adapter ? adaptedEmbedder(embedder, adapter) : embedder, priors, phraseVectors: 'embedded', ...SEARCHES[search] };
console.log(`ESCO index ready (${elapsed()}); search ${search}; learned: ${learned.kept.name}, ${learned.kept.subset}, ${learned.kept.shrink}`);

const DEV = readDevSets();
const SETS = DEV.map((d) => d.file);
const NAMES = DEV.map((d) => d.name);
const rows = DEV.map((d) => d.rows);
const evalSet = async (weights: FusionWeights, s: number): Promise<LinkingMetrics> => {
  const linker = createLinker({ ...base, weights });
  return evalLinking(rows[s]!, skills, async (q) => (await linker.rankSkills(q)).map((r) => r.skillId));
};
const f = (x: number) => (100 * x).toFixed(1);
const cell = (m: LinkingMetrics) => `${f(m.rp1)} / ${f(m.rp5)} / ${f(m.rp10)} / ${f(m.mrr)}`;

if (argv.includes('--loso-only')) {
  // The learned weights alone (α = 0) by leave-one-set-out with this search: fold s's weights scored on s.
  const cells: LinkingMetrics[] = [];
  for (const [s, held] of NAMES.entries()) cells.push(await evalSet(learned.loso[held]!, s));
  console.log(`| learned by LOSO, ${search} search | ${cells.map(cell).join(' | ')} | (${elapsed()})`);
  await index.dispose();
  await model.dispose();
  await cache.close();
  process.exit(0);
}
// Per fold: the fold's learned weights mixed at every α, scored on every dev set (the two others choose α, the held-out one reports).
const grid: Record<string, LinkingMetrics[][]> = {};
console.log(`\n| held-out set | α | ${NAMES.map((n) => `${n} RP@5`).join(' | ')} |\n|---|---|${NAMES.map(() => '---').join('|')}|`);
for (const [h, held] of NAMES.entries()) {
  grid[held] = [];
  for (const alpha of MIX_GRID) {
    const w = mixWeights(learned.loso[held]!, alpha);
    const ms: LinkingMetrics[] = [];
    for (let s = 0; s < SETS.length; s++) ms.push(await evalSet(w, s));
    grid[held]!.push(ms);
    console.log(`| ${held} (fold weights) | ${alpha} | ${ms.map((m, s) => (s === h ? `(${f(m.rp5)})` : f(m.rp5))).join(' | ')} |`);
  }
}
const picks = NAMES.map((held, h) => {
  let best = 0;
  let bestScore = -Infinity;
  MIX_GRID.forEach((_, a) => {
    const others = grid[held]![a]!.filter((_, s) => s !== h);
    const score = others.reduce((x, m) => x + m.rp5, 0) / others.length;
    if (score >= bestScore) [best, bestScore] = [a, score];
  });
  return best;
});
const reference: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length; s++) reference.push(await evalSet(REFERENCE_BLEND_WEIGHTS, s));
const refLinker = createLinker({ index, lexical, embedder, priors, ...REFERENCE_BLEND });
const refCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length; s++) refCells.push(await evalLinking(rows[s]!, skills, async (q) => (await refLinker.rankSkills(q)).map((r) => r.skillId)));
const loso = NAMES.map((held, h) => grid[held]![picks[h]!]![h]!);
const pure = NAMES.map((held, h) => grid[held]![0]![h]!);
console.log(`\nα per fold (fitted on the two other dev sets): ${NAMES.map((n, h) => `${n} ${MIX_GRID[picks[h]!]}`).join(', ')} (${elapsed()})`);
console.log(`\n| pipeline | ${NAMES.map((n) => `${n} RP@1 / RP@5 / RP@10 / MRR`).join(' | ')} |\n|---|${NAMES.map(() => '---').join('|')}|`);
console.log(`| reference blend (its own search, nothing fitted) | ${refCells.map(cell).join(' | ')} |`);
console.log(`| reference weights, ${search} search | ${reference.map(cell).join(' | ')} |`);
console.log(`| learned by LOSO, α = 0, ${search} search | ${pure.map(cell).join(' | ')} |`);
console.log(`| learned by LOSO mixed with the reference, α by LOSO, ${search} search | ${loso.map(cell).join(' | ')} |`);
const beats = loso.every((m, s) => m.rp5 > refCells[s]!.rp5);
console.log(`\nbeats the reference blend on every dev set (RP@5, LOSO): ${beats ? 'yes' : 'NO'}; mean LOSO RP@5 ${f(loso.reduce((a, m) => a + m.rp5, 0) / loso.length)} vs reference ${f(refCells.reduce((a, m) => a + m.rp5, 0) / refCells.length)}`);

const sorted = [...picks].sort((a, b) => a - b);
const shippedAlpha = MIX_GRID[sorted[1]!]!;
const shipped = mixWeights(learned.trainOnly, shippedAlpha);
const shippedCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length; s++) shippedCells.push(await evalSet(shipped, s));
console.log(`| learned on the training set alone mixed at α = ${shippedAlpha} (median of the folds' picks), ${search} search | ${shippedCells.map(cell).join(' | ')} |`);
console.log(`weights: ${JSON.stringify(shipped)} (${elapsed()})`);

await index.dispose();
await model.dispose();
await cache.close();
