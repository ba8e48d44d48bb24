/**
 * Fits the linker's learned parts — fusion weights and the calibration per kind of text — on the
 * training set of scripts/build-linking-trainset.ts, and reports on the Decorte dev sets by
 * leave-one-set-out (issue 18). The dev sets only select (the feature set) and report.
 *
 *   npx tsx scripts/build-linking-trainset.ts                    # once: .cache/linking-train/train.jsonl
 *   npx tsx scripts/fit-linking-weights.ts                       # q8, embedded phrases: report only
 *   npx tsx scripts/fit-linking-weights.ts --write               # also write engine/linking/weights/<modelId>.<phrases>.json
 *   npx tsx scripts/fit-linking-weights.ts --phrase-vectors pooled --train .cache/linking-train/train.jsonl
 *
 * Steps: (1) the candidates and features of every training and dev query (`Linker.candidateFeatures`,
 * candidates drawn with the hand-set weights); (2) feature sets, each fitted (listwise softmax,
 * `fitFusion`) on the training set alone and by leave-one-set-out (training set + the two other dev
 * sets), scored on each dev set's candidates; the set with the best mean leave-one-set-out RP@5 is kept
 * (the one use of dev for selection); (3) the full pipeline, all 13,896 skills ranked as `skillgraph
 * eval linking` does: the reference blend (lexical + sentence + separately embedded phrase, 1/3 each,
 * engine/eval/reference-blend.ts), the kept features fitted on the training set alone, and fitted by
 * leave-one-set-out; (4) the shipped weights = the kept features fitted on the training set alone;
 * (5) the calibration per kind of text (posting, cv, course) fitted on the training queries of that kind
 * (fused score and best phrase cosine of each query's top-10, gold vs not). Deterministic for a seed.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { createOrtRowScorer } from '../engine/adapters/ort-row-scorer.ts';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { createTransformersEmbedder, type EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { createCachedEmbedder } from '../engine/embedding/cached-embedder.ts';
import { evalLinking, linkingQueries, type LinkingMetrics } from '../engine/eval/eval-linking.ts';
import { fusionMetrics, type FusionSet, type RankMetrics } from '../engine/eval/fusion-cv.ts';
import { REFERENCE_BLEND, REFERENCE_BLEND_WEIGHTS } from '../engine/eval/reference-blend.ts';
import { FEATURES, skillPriors, type Feature } from '../engine/linking/features.ts';
import { fitFusion, type FusionQuery } from '../engine/linking/fusion.ts';
import { buildLexicalIndex } from '../engine/linking/lexical-index.ts';
import { createLinker, type Linker } from '../engine/linking/link-text.ts';
import { fitLinkingWeights, TEXT_KINDS, weightsFor, type TextKind } from '../engine/linking/linking-weights.ts';
import { DEFAULT_WEIGHTS, type FusionWeights, type LinkerOptions } from '../engine/linking/options.ts';
import { buildSkillIndex } from '../engine/linking/skill-index.ts';
import { fitLogistic, type Calibration } from '../engine/linking/calibration.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { defaultCachePath } from '../cli/commands/linking-setup.ts';
import { seededRandom } from '../engine/ports/random.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const dtype = opt('dtype', 'q8') as EmbedderDtype;
const phraseVectors = opt('phrase-vectors', 'embedded') as 'pooled' | 'embedded';
const seed = Number(opt('seed', '9'));
const trainFile = opt('train', '.cache/linking-train/train.jsonl');
/** Fit on a seeded subsample of at most this many training queries (0 = all): bounds the CPU time of the feature pass. */
const maxTrain = Number(opt('max-train', '0'));
if (!['q8', 'fp32'].includes(dtype) || !['pooled', 'embedded'].includes(phraseVectors) || !Number.isInteger(seed) || !Number.isInteger(maxTrain) || maxTrain < 0) {
  process.stderr.write('usage: fit-linking-weights [--dtype q8|fp32] [--phrase-vectors pooled|embedded] [--seed N] [--train FILE] [--max-train N] [--write]\n');
  process.exit(2);
}
if (!existsSync(trainFile)) {
  process.stderr.write(`no training set at ${trainFile}: run \`npx tsx scripts/build-linking-trainset.ts\` first\n`);
  process.exit(2);
}
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const skills = taxonomy.skills;
const priors = skillPriors(skills, taxonomy.occupationSkills, { broader: taxonomy.broader, relations: taxonomy.skillRelations });
const model = await createTransformersEmbedder({ dtype });
mkdirSync(dirname(defaultCachePath()), { recursive: true });
const cache = await createSqliteStore(defaultCachePath());
const embedder = createCachedEmbedder({ embedder: model, cache, hash: sha256Hex });
const index = await buildSkillIndex(skills, embedder, { scorer: (m, r, d) => createOrtRowScorer(m, r, d) });
const lexical = buildLexicalIndex(skills);
const base: LinkerOptions = { index, lexical, embedder, priors, phraseVectors };
console.log(`ESCO index ready (${elapsed()})`);

// --- data ---------------------------------------------------------------------------------------------
interface TrainLine {
  readonly kind: 'label' | 'description' | 'posting' | 'cv' | 'course';
  readonly text: string;
  readonly skills: readonly string[];
}
const allTrain = readFileSync(trainFile, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as TrainLine);
const train = maxTrain > 0 && allTrain.length > maxTrain ? subsample(allTrain, maxTrain, seed) : allTrain;

/** A seeded subsample of `n` items (Fisher–Yates prefix), in the original order. */
function subsample<T>(items: readonly T[], n: number, s: number): T[] {
  const random = seededRandom(s);
  const order = items.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, n).sort((a, b) => a - b).map((i) => items[i]!);
}
const trainHash = sha256Hex(readFileSync(trainFile, 'utf8'));
const SETS = ['tech_validation_annotations', 'house_validation_annotations', 'techwolf_dev_annotations'];
const rows = SETS.map((name) => parse(readFileSync(sharedPath('datasets', 'skill-extraction-benchmark-decorte', `${name}.csv`), 'utf8'), { columns: true }) as { sentence: string; label: string }[]);
const short = (n: string) => n.split('_')[0]!;

// (1) candidates and features, drawn with the hand-set weights.
const collector = createLinker({ ...base, weights: DEFAULT_WEIGHTS, allFeatures: true });
const collect = async (items: readonly { text: string; relevant: ReadonlySet<string> }[]): Promise<FusionQuery[]> => {
  const out: FusionQuery[] = [];
  for (const q of items) {
    out.push({ candidates: await collector.candidateFeatures(q.text), relevant: q.relevant });
    if (out.length % 250 === 0) console.log(`  features: ${out.length} / ${items.length} (${elapsed()})`);
  }
  return out;
};
const trainQueries = await collect(train.map((q) => ({ text: q.text, relevant: new Set(q.skills) })));
console.log(`training set: ${train.length} of ${allTrain.length} queries (--max-train ${maxTrain}), features in ${elapsed()}`);
const dev: FusionSet[] = [];
for (let s = 0; s < SETS.length; s++) dev.push({ name: short(SETS[s]!), queries: await collect(linkingQueries(rows[s]!, skills).map((q) => ({ text: q.sentence, relevant: q.relevant }))) });
const recall = (qs: readonly FusionQuery[]) => {
  let found = 0;
  let total = 0;
  for (const q of qs) {
    total += q.relevant.size;
    for (const c of q.candidates) if (q.relevant.has(c.skillId)) found++;
  }
  return `${((100 * found) / total).toFixed(1)} %`;
};
console.log(`all-MiniLM-L6-v2@${dtype}, ${phraseVectors} phrase vectors; gold among candidates: train ${recall(trainQueries)}, ${dev.map((s) => `${s.name} ${recall(s.queries)}`).join(', ')} (${elapsed()})`);

const f = (x: number) => (100 * x).toFixed(1);
const cell = (m: RankMetrics | LinkingMetrics) => `${f(m.rp1)} / ${f(m.rp5)} / ${f(m.rp10)} / ${f(m.mrr)}`;
const header = `| ${dev.map((s) => `${s.name} RP@1 / RP@5 / RP@10 / MRR`).join(' | ')} |`;

// (2) feature sets: training set alone, and leave-one-set-out (training + the two other dev sets).
const NO_REL = FEATURES.filter((x) => !x.endsWith('Rel') && x !== 'neighbour');
const CANDIDATE_SETS: Record<string, readonly Feature[]> = {
  'sentence + phrase + lexical': ['sentence', 'phrase', 'lexical'],
  '+ description, lexical phrase, exact': ['sentence', 'sentenceDescription', 'phrase', 'lexical', 'lexicalPhrase', 'exact'],
  '+ coverage': ['sentence', 'sentenceDescription', 'phrase', 'lexical', 'lexicalPhrase', 'exact', 'coverage'],
  '+ taxonomy priors': NO_REL,
  '+ phrase relative': [...NO_REL, 'phraseRel'],
  'all features': FEATURES,
};
const losoFit = (features: readonly Feature[], held: FusionSet): FusionWeights =>
  fitFusion([...trainQueries, ...dev.filter((x) => x !== held).flatMap((x) => x.queries)], { features });
console.log(`\n**Feature sets** (ranking each dev query's candidates; RP@5): fitted on the training set alone | by leave-one-set-out (training set + the other two dev sets)\n`);
console.log(`| features | ${dev.map((s) => `${s.name} train-only`).join(' | ')} | ${dev.map((s) => `${s.name} LOSO`).join(' | ')} | mean LOSO |\n|---|${dev.map(() => '---|---').join('|')}|---|`);
console.log(`| reference blend (1/3 each, nothing fitted) | ${dev.map((s) => f(fusionMetrics(s.queries, REFERENCE_BLEND_WEIGHTS).rp5)).join(' | ')} | ${dev.map(() => '–').join(' | ')} | – |`);
let kept: { name: string; features: readonly Feature[]; mean: number } | null = null;
for (const [name, features] of Object.entries(CANDIDATE_SETS)) {
  const trainOnly = fitFusion(trainQueries, { features });
  const loso = dev.map((s) => fusionMetrics(s.queries, losoFit(features, s)).rp5);
  const mean = loso.reduce((a, b) => a + b, 0) / loso.length;
  console.log(`| ${name} | ${dev.map((s) => f(fusionMetrics(s.queries, trainOnly).rp5)).join(' | ')} | ${loso.map(f).join(' | ')} | ${f(mean)} |`);
  if (!kept || mean > kept.mean) kept = { name, features, mean };
}
console.log(`\nkept (best mean leave-one-set-out RP@5): ${kept!.name}`);
const weights = fitFusion(trainQueries, { features: kept!.features });
console.log(`weights fitted on the training set alone: ${JSON.stringify(weights)} (${elapsed()})`);

// (3) full pipeline, all skills ranked (as `skillgraph eval linking`).
const evalSet = async (linker: Linker, s: number) => evalLinking(rows[s]!, skills, async (q) => (await linker.rankSkills(q)).map((r) => r.skillId));
console.log(`\n**Full pipeline on the dev sets** (all 13,896 skills ranked, \`eval linking\`'s scorer)\n\n| pipeline ${header}\n|---|${dev.map(() => '---').join('|')}|`);
const reference = createLinker({ ...base, ...REFERENCE_BLEND });
const refCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length; s++) refCells.push(await evalSet(reference, s));
console.log(`| reference: lexical + sentence + embedded phrase, 1/3 each | ${refCells.map(cell).join(' | ')} |`);
const trained = createLinker({ ...base, weights });
const trainedCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length; s++) trainedCells.push(await evalSet(trained, s));
console.log(`| learned on the training set alone (shipped) | ${trainedCells.map(cell).join(' | ')} |`);
const losoCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length; s++) losoCells.push(await evalSet(createLinker({ ...base, weights: losoFit(kept!.features, dev[s]!) }), s));
console.log(`| learned by leave-one-set-out (training + the other two dev sets) | ${losoCells.map(cell).join(' | ')} |`);
const beats = (xs: readonly LinkingMetrics[]) => xs.every((m, s) => m.rp5 > refCells[s]!.rp5);
console.log(`\nbeats the reference blend on every dev set (RP@5): training set alone ${beats(trainedCells) ? 'yes' : 'NO'}, leave-one-set-out ${beats(losoCells) ? 'yes' : 'NO'} (${elapsed()})`);

// (5) calibration per kind of text, on the training set (the shipped weights' top-10 per query).
const KIND_OF: Record<TrainLine['kind'], TextKind> = { label: 'posting', description: 'posting', posting: 'posting', cv: 'cv', course: 'course' };
const samples: Record<TextKind, { x: number; x2: number; y: 0 | 1 }[]> = { posting: [], cv: [], course: [] };
for (const q of train) {
  const gold = new Set(q.skills);
  (await trained.rankSkills(q.text)).slice(0, 10).forEach((r) => samples[KIND_OF[q.kind]].push({ x: r.score, x2: r.phrase, y: gold.has(r.skillId) ? 1 : 0 }));
}
const round = (c: Calibration): Calibration => ({ a: Math.round(c.a * 1000) / 1000, c: Math.round((c.c ?? 0) * 1000) / 1000, b: Math.round(c.b * 1000) / 1000 });
const previous = weightsFor(embedder.modelId, phraseVectors);
const fitted = fitLinkingWeights(samples.posting, { modelId: embedder.modelId, weights, seed, phraseVectors, version: (previous?.version ?? 0) + 1 });
const byKind = Object.fromEntries(TEXT_KINDS.map((k) => [k, k === 'posting' ? fitted.calibration : round(fitLogistic(samples[k]))])) as Record<TextKind, Calibration>;
for (const k of TEXT_KINDS) console.log(`calibration ${k}: ${JSON.stringify(byKind[k])} (${samples[k].length} samples, ${samples[k].filter((x) => x.y).length} gold)`);

if (argv.includes('--write')) {
  const file = fileURLToPath(new URL(`../engine/linking/weights/${embedder.modelId}.${phraseVectors}.json`, import.meta.url));
  const out = {
    version: fitted.version,
    modelId: fitted.modelId,
    phraseVectors,
    seed,
    fittedOn: `training set ${trainFile.split('/').pop()} sha256 ${trainHash.slice(0, 16)} (${train.length} of ${allTrain.length} queries, seeded subsample --max-train ${maxTrain}; scripts/build-linking-trainset.ts), no dev set: listwise softmax over each query's candidates (fitFusion, features: ${kept!.name}, chosen by leave-one-set-out on the Decorte dev sets), calibration per kind of text on the training queries' top-10; scripts/fit-linking-weights.ts --dtype ${dtype} --phrase-vectors ${phraseVectors} --seed ${seed}`,
    weights,
    calibration: fitted.calibration,
    calibrationByKind: byKind,
  };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${file.slice(file.indexOf('engine/'))}`);
}
await index.dispose();
await model.dispose();
await cache.close();
