/**
 * Learns the linker's fusion weights on the Decorte dev sets and refits its calibration.
 *
 *   npx tsx scripts/fit-linking-weights.ts                       # q8, pooled phrases: report only
 *   npx tsx scripts/fit-linking-weights.ts --write               # also write engine/linking/weights/<modelId>.<phrases>.json
 *   npx tsx scripts/fit-linking-weights.ts --dtype fp32 --phrase-vectors embedded --seed 9 --folds 5
 *
 * Steps: (1) every dev sentence's candidate skills and their features (`Linker.candidateFeatures`,
 * candidates drawn with the current default weights); (2) each feature alone and the hand-set blend,
 * ranked over those candidates; (3) each fusion step learned (listwise softmax, `fitFusion`) with
 * 5-fold cross-validation over queries — mean ± sd over folds per set — and leave-one-set-out; (4) the
 * final weights fitted on all three sets; (5) the logistic calibration refitted (fused score and best
 * phrase cosine of each sentence's top-10 candidates, gold vs not); (6) the full pipeline with the new
 * weights scored by the same code as `skillgraph eval linking`. Deterministic for a seed.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createTransformersEmbedder, type EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { evalLinking, linkingQueries } from '../engine/eval/eval-linking.ts';
import { crossValidateFusion, fusionMetrics, leaveOneSetOut, type FusionSet, type RankMetrics } from '../engine/eval/fusion-cv.ts';
import { FEATURES, skillPriors, type Feature } from '../engine/linking/features.ts';
import { fitFusion } from '../engine/linking/fusion.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { fitLinkingWeights, weightsFor } from '../engine/linking/linking-weights.ts';
import { DEFAULT_WEIGHTS, type FusionWeights } from '../engine/linking/options.ts';
import { buildSkillIndex } from '../engine/linking/skill-index.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { defaultCachePath } from '../app/embedding-cache-path.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const dtype = opt('dtype', 'q8') as EmbedderDtype;
const phraseVectors = opt('phrase-vectors', 'pooled') as 'pooled' | 'embedded';
const seed = Number(opt('seed', '9'));
const folds = Number(opt('folds', '5'));
if (!['q8', 'fp32'].includes(dtype) || !['pooled', 'embedded'].includes(phraseVectors) || !Number.isInteger(seed) || !Number.isInteger(folds)) {
  process.stderr.write('usage: fit-linking-weights [--dtype q8|fp32] [--phrase-vectors pooled|embedded] [--seed N] [--folds N] [--write]\n');
  process.exit(2);
}

const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const skills = taxonomy.skills;
const priors = skillPriors(skills, taxonomy.occupationSkills, { broader: taxonomy.broader, relations: taxonomy.skillRelations });
const model = await createTransformersEmbedder({ dtype });
mkdirSync(dirname(defaultCachePath()), { recursive: true });
const cache = await createSqliteStore(defaultCachePath());
const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
const index = await buildSkillIndex(skills, embedder, { scorer: (m, r, d) => createOrtRowScorer(m, r, d) });
const lexical = buildLexicalIndex(skills);
const SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'];
const rows = SETS.map((name) => parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${name}.csv`), 'utf8'), { columns: true }) as { sentence: string; label: string }[]);
const short = (n: string) => n.split('_')[0]!;

// (1) candidates and features, drawn with the hand-set weights.
const collector = createLinker({ index, lexical, embedder, priors, phraseVectors, weights: DEFAULT_WEIGHTS, allFeatures: true });
const sets: FusionSet[] = [];
for (let s = 0; s < SETS.length; s++) {
  const queries = [];
  for (const q of linkingQueries(rows[s]!, skills)) queries.push({ candidates: await collector.candidateFeatures(q.sentence), relevant: q.relevant });
  sets.push({ name: short(SETS[s]!), queries });
}
const recall = sets.map((s) => {
  let found = 0;
  let total = 0;
  for (const q of s.queries) {
    total += q.relevant.size;
    for (const c of q.candidates) if (q.relevant.has(c.skillId)) found++;
  }
  return `${s.name} ${((100 * found) / total).toFixed(1)} %`;
});
console.log(`all-MiniLM-L6-v2@${dtype}, ${phraseVectors} phrase vectors; candidates per query ~${Math.round(sets.flatMap((s) => s.queries.map((q) => q.candidates.length)).reduce((a, b) => a + b, 0) / sets.reduce((n, s) => n + s.queries.length, 0))}; gold found among candidates: ${recall.join(', ')}`);

const f = (x: number) => (100 * x).toFixed(1);
const cell = (m: RankMetrics) => `${f(m.rp1)} / ${f(m.rp5)} / ${f(m.rp10)} / ${f(m.mrr)}`;
const header = `| ${sets.map((s) => `${s.name} RP@1 / RP@5 / RP@10 / MRR`).join(' | ')} |`;
/** Rows of the per-set tables printed at the end (what docs/BENCHMARKS.md shows). */
const perSet = new Map<string, string[]>(sets.map((s) => [s.name, []]));
const row = (set: string, label: string, m: RankMetrics, sd?: RankMetrics) =>
  perSet.get(set)!.push(`| ${label} | ${(['rp1', 'rp5', 'rp10', 'mrr'] as const).map((k) => (sd ? `${f(m[k])} ± ${f(sd[k])}` : f(m[k]))).join(' | ')} |`);

// (2) each feature alone, and the hand-set blend.
console.log(`\n**Each feature alone** (ranking each query's candidates by that feature)\n\n| feature ${header}\n|---|${sets.map(() => '---').join('|')}|`);
const one = (feat: Feature): FusionWeights => Object.fromEntries(FEATURES.map((x) => [x, x === feat ? 1 : 0])) as FusionWeights;
for (const feat of FEATURES) {
  console.log(`| ${feat} | ${sets.map((s) => cell(fusionMetrics(s.queries, one(feat)))).join(' | ')} |`);
  for (const s of sets) row(s.name, `signal alone: ${feat}`, fusionMetrics(s.queries, one(feat)));
}
console.log(`| hand-set blend (issue 4) | ${sets.map((s) => cell(fusionMetrics(s.queries, DEFAULT_WEIGHTS))).join(' | ')} |`);
for (const s of sets) row(s.name, 'hand-set blend (issue 4 weights)', fusionMetrics(s.queries, DEFAULT_WEIGHTS));

// (3) fusion steps: learned weights, cross-validated.
const STEPS: Record<string, readonly Feature[]> = {
  'sentence + description (embedding, whole segment)': ['sentence', 'sentenceDescription'],
  '+ phrase': ['sentence', 'sentenceDescription', 'phrase'],
  '+ lexical, lexical phrase, exact': ['sentence', 'sentenceDescription', 'phrase', 'lexical', 'lexicalPhrase', 'exact'],
  '+ coverage': ['sentence', 'sentenceDescription', 'phrase', 'lexical', 'lexicalPhrase', 'exact', 'coverage'],
  '+ taxonomy priors': FEATURES.filter((x) => !x.endsWith('Rel') && x !== 'neighbour'),
  '+ phrase relative to the segment best': FEATURES.filter((x) => x !== 'sentenceRel' && x !== 'lexicalRel' && x !== 'neighbour'),
  '+ sentence and lexical relative too': FEATURES.filter((x) => x !== 'neighbour'),
  '+ hierarchy neighbours (all features)': FEATURES,
  'phrase relative + hierarchy neighbours': FEATURES.filter((x) => x !== 'sentenceRel' && x !== 'lexicalRel'),
};
console.log(`\n**Fusion steps, learned** (listwise softmax; ${folds}-fold cross-validation over queries, seed ${seed}: mean ± sd over folds)\n\n| step | ${sets.map((s) => `${s.name} RP@5 mean ± sd`).join(' | ')} | ${sets.map((s) => `${s.name} MRR`).join(' | ')} | leave-one-set-out RP@5 ${sets.map((s) => s.name).join(' / ')} |\n|---|${sets.map(() => '---').join('|')}|${sets.map(() => '---').join('|')}|---|`);
for (const [name, features] of Object.entries(STEPS)) {
  const cv = crossValidateFusion(sets, { features, folds, seed });
  const loso = leaveOneSetOut(sets, { features });
  for (const s of sets) row(s.name, `learned, CV: ${name}`, cv.mean[s.name]!, cv.sd[s.name]!);
  console.log(
    `| ${name} | ${sets.map((s) => `${f(cv.mean[s.name]!.rp5)} ± ${f(cv.sd[s.name]!.rp5)}`).join(' | ')} | ${sets.map((s) => `${f(cv.mean[s.name]!.mrr)} ± ${f(cv.sd[s.name]!.mrr)}`).join(' | ')} | ${sets.map((s) => f(loso[s.name]!.rp5)).join(' / ')} |`,
  );
}

// (4) final weights on all sets (FINAL features).
/** The final feature set: relative sentence/lexical signals rank well but push down the second skill of a sentence naming two (link() thresholds), so only the phrase one is kept. */
const FINAL: readonly Feature[] = STEPS['+ phrase relative to the segment best']!;
const weights = fitFusion(sets.flatMap((s) => s.queries), { features: FINAL });
const losoFinal = leaveOneSetOut(sets, { features: FINAL });
for (const s of sets) row(s.name, 'kept features, fitted on the other two sets (leave-one-set-out)', losoFinal[s.name]!);
console.log(`\nweights fitted on all three sets: ${JSON.stringify(weights)}`);

// (5) calibration of the new weights, from the candidate linker's top-10 per sentence.
const tuned = createLinker({ index, lexical, embedder, priors, phraseVectors, weights });
const samples: { x: number; x2: number; y: 0 | 1 }[] = [];
for (let s = 0; s < SETS.length; s++) {
  for (const q of linkingQueries(rows[s]!, skills)) {
    const ranked = await tuned.rankSkills(q.sentence);
    ranked.slice(0, 10).forEach((r) => samples.push({ x: r.score, x2: r.phrase, y: q.relevant.has(r.skillId) ? 1 : 0 }));
  }
}
const previous = weightsFor(embedder.modelId, phraseVectors);
const fitted = fitLinkingWeights(samples, { modelId: embedder.modelId, weights, seed, phraseVectors, version: (previous?.version ?? 0) + 1 });
console.log(`calibration: ${JSON.stringify(fitted.calibration)} (${samples.length} samples, ${samples.filter((x) => x.y).length} gold)`);

// (6) the pipeline with the new weights, as `skillgraph eval linking` scores it.
console.log(`\n| pipeline ${header}\n|---|${sets.map(() => '---').join('|')}|`);
for (const [name, w] of [
  ['hand-set weights', DEFAULT_WEIGHTS],
  ['learned weights', weights],
] as const) {
  const linker = createLinker({ index, lexical, embedder, priors, phraseVectors, weights: w });
  const cells = [];
  for (let s = 0; s < SETS.length; s++) {
    const m = await evalLinking(rows[s]!, skills, async (q) => (await linker.rankSkills(q)).map((r) => r.skillId));
    cells.push(cell(m));
    row(sets[s]!.name, `**final pipeline, ${name}** (all skills ranked)`, m);
  }
  console.log(`| ${name} | ${cells.join(' | ')} |`);
}
for (const [name, lines] of perSet) {
  console.log(`\n**${name}** — ×100; "signal alone" and "learned" rows rank each sentence's candidates, CV rows are mean ± sd over ${folds} folds\n\n| | RP@1 | RP@5 | RP@10 | MRR |\n|---|---|---|---|---|\n${lines.join('\n')}`);
}

if (argv.includes('--write')) {
  const file = fileURLToPath(new URL(`../engine/linking/weights/${embedder.modelId}.${phraseVectors}.json`, import.meta.url));
  const out = {
    version: fitted.version,
    modelId: fitted.modelId,
    phraseVectors,
    seed,
    fittedOn: `Decorte dev sets (tech, house validation; techwolf dev): listwise softmax over each sentence's candidates (fitFusion), calibration on the top-10; scripts/fit-linking-weights.ts --dtype ${dtype} --phrase-vectors ${phraseVectors} --seed ${seed}`,
    weights,
    calibration: fitted.calibration,
  };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${file.slice(file.indexOf('engine/'))}`);
}
await index.dispose();
await model.dispose();
await cache.close();
