/**
 * Fits the linker's learned parts — fusion weights and the calibration per kind of text — on the
 * training set of scripts/build-linking-trainset.ts, and reports on the Decorte dev sets by
 * leave-one-set-out (issue 18). The dev sets only select (the feature set) and report.
 *
 *   npx tsx scripts/build-linking-trainset.ts                    # once: .cache/linking-train/train.jsonl
 *   npx tsx scripts/fit-linking-weights.ts                       # q8, embedded phrases: report only
 *   npx tsx scripts/fit-linking-weights.ts --write               # also write engine/linking/weights/<modelId>.<phrases>.json
 *   npx tsx scripts/fit-linking-weights.ts --phrase-vectors pooled --train .cache/linking-train/train.jsonl
 *   SKILLGRAPH_MODEL=<folder> npx tsx scripts/fit-linking-weights.ts --write   # another model: its own features, folds and weights file
 *
 * Steps: (1) the candidates and features of every training and dev query (`Linker.candidateFeatures`,
 * candidates drawn with the hand-set weights); (2) feature sets, each fitted (listwise softmax,
 * `fitFusion`) on the training set alone and by leave-one-set-out (training set + the two other dev
 * sets), scored on each dev set's candidates; the set with the best mean leave-one-set-out RP@5 is kept
 * (the one use of dev for selection); (3) the full pipeline, all 13,896 skills ranked as `skillgraph
 * eval linking` does: the reference blend (lexical + sentence + separately embedded phrase, 1/3 each,
 * engine/eval/reference-blend.ts), the kept features fitted on the training set alone, and fitted by
 * leave-one-set-out; (4) the shipped weights = the kept features fitted on the training set alone;
 * (5) the calibration per kind of text (posting, cv, course) fitted on the training queries of that kind, each
 * kind linked with the new weights as the product links it (`fitCalibrations`, scripts/lib/calibration-by-kind.ts,
 * the rule scripts/fit-linking-calibration.ts refits with): a written file is consistent as it stands, no
 * calibration refit needed after it. Deterministic for a seed.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { adaptedEmbedder } from '../engine/embedding/linear-adapter.ts';
import { evalLinking, linkingQueries, type LinkingMetrics } from '../engine/eval/eval-linking.ts';
import { fusionMetrics, type FusionSet, type RankMetrics } from '../engine/eval/fusion-cv.ts';
import { REFERENCE_BLEND, REFERENCE_BLEND_WEIGHTS } from '../engine/eval/reference-blend.ts';
import { FEATURES, type Feature } from '../engine/linking/features.ts';
import type { FusionQuery } from '../engine/linking/fusion.ts';
import { createLinker, type Linker } from '../engine/linking/link-text.ts';
import { TEXT_KINDS, weightsFor } from '../engine/linking/linking-weights.ts';
import { DEFAULT_WEIGHTS, type FusionWeights, type LinkerOptions } from '../engine/linking/options.ts';
import { escoLexical, escoLinking, readAdapter } from '../bench/lib/esco-linking.ts';
import { calibrationNote, fitCalibrations, writeWeightsFile } from './lib/calibration-by-kind.ts';
import { fitOnFolds, referenceScale, shrinkages, SUBSETS } from './lib/fusion-grid.ts';
import { fusionSubsample, readDevSets } from './lib/dev-sets.ts';
import { fitCacheFile, readTrainingSet } from './lib/training-set.ts';

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
/** Candidate search of the learned pipeline: the linker's defaults, or the reference blend's (1–6-word windows, all embedded, coarse 20). */
const search = opt('search', 'default');
/** Candidate searches besides the defaults: the reference blend's, and the coarse join with 1–6-word phrases (best 16 embedded). */
const SEARCH_OPTS: Record<string, Partial<LinkerOptions>> = { default: { maxPhraseWords: 4, maxPhrases: 8, phraseCandidates: 40, phraseCoarse: 0 }, reference: { ...REFERENCE_BLEND }, coarse: { phraseCoarse: 20 }, 'coarse-6-16': { maxPhraseWords: 6, maxPhrases: 16, phraseCoarse: 20 } };
/** Candidate search of the feature pass (the candidates the weights are fitted on); default: the linker's. */
const collectSearch = opt('collect-search', 'default');
if (!SEARCH_OPTS[search] || !SEARCH_OPTS[collectSearch] || !['q8', 'fp32'].includes(dtype) || !['pooled', 'embedded'].includes(phraseVectors) || !Number.isInteger(seed) || !Number.isInteger(maxTrain) || maxTrain < 0) {
  process.stderr.write('usage: fit-linking-weights [--dtype q8|fp32] [--phrase-vectors pooled|embedded] [--seed N] [--train FILE] [--max-train N] [--search default|reference|coarse|coarse-6-16] [--collect-search default|coarse|coarse-6-16] [--adapter FILE] [--keep ROW] [--select-only] [--write]\n');
  process.exit(2);
}
if (!existsSync(trainFile)) {
  process.stderr.write(`no training set at ${trainFile}: run \`npx tsx scripts/build-linking-trainset.ts\` first\n`);
  process.exit(2);
}
const t0 = performance.now();
const elapsed = () => `${((performance.now() - t0) / 1000).toFixed(0)} s`;

const { taxonomy, priors, model, cache, embedder, index } = await escoLinking(dtype);
const skills = taxonomy.skills;
const lexical = escoLexical(taxonomy);
/** `--adapter FILE` (scripts/fit-linking-adapter.ts): the linked texts' vectors pass through a linear adapter; the label index and the reference blend do not. */
const adapterFile = opt('adapter', '');
const adapter = readAdapter(adapterFile);
const linkEmbedder = adapter ? adaptedEmbedder(embedder, adapter) : embedder;
const base: LinkerOptions = { index, lexical, embedder: linkEmbedder, priors, phraseVectors };
console.log(`ESCO index ready (${elapsed()})`);

// --- data ---------------------------------------------------------------------------------------------
const allTrain = readTrainingSet(trainFile);
const train = fusionSubsample(allTrain, maxTrain, seed);
const trainHash = sha256Hex(readFileSync(trainFile, 'utf8'));
const DEV = readDevSets();
const SETS = DEV.map((d) => d.file);
const rows = DEV.map((d) => d.rows);

// (1) candidates and features, drawn with the hand-set weights.
const collector = createLinker({ ...base, ...SEARCH_OPTS[collectSearch], weights: DEFAULT_WEIGHTS, allFeatures: true });
const collect = async (items: readonly { text: string; relevant: ReadonlySet<string> }[]): Promise<FusionQuery[]> => {
  const out: FusionQuery[] = [];
  for (const q of items) {
    out.push({ candidates: await collector.candidateFeatures(q.text), relevant: q.relevant });
    if (out.length % 250 === 0) console.log(`  features: ${out.length} / ${items.length} (${elapsed()})`);
  }
  return out;
};
// The collected features are kept in the git-ignored cache (keyed by model id, phrase vectors, search, training set and subsample), so a refit skips the model.
const searchTag = (collectSearch === 'default' ? '' : `-${collectSearch}`) + (adapter ? `-adapter-${sha256Hex(readFileSync(adapterFile, 'utf8')).slice(0, 8)}` : '');
const cacheKey = { modelId: embedder.modelId, phraseVectors, searchTag, trainHash, maxTrain, seed };
const featureFile = fitCacheFile('features', cacheKey);
type Stored = { skillId: string; features: number[] }[][];
const revive = (qs: Stored, rel: readonly ReadonlySet<string>[]): FusionQuery[] => qs.map((c, i) => ({ candidates: c.map((x) => ({ skillId: x.skillId, features: Float32Array.from(x.features) })), relevant: rel[i]! }));
const devItems = SETS.map((_, s) => linkingQueries(rows[s]!, skills).map((q) => ({ text: q.sentence, relevant: q.relevant })));
const trainItems = train.map((q) => ({ text: q.text, relevant: new Set(q.skills) as ReadonlySet<string> }));
let trainQueries: FusionQuery[];
const dev: FusionSet[] = [];
if (existsSync(featureFile)) {
  const stored = JSON.parse(readFileSync(featureFile, 'utf8')) as { train: Stored; dev: Stored[] };
  trainQueries = revive(stored.train, trainItems.map((q) => q.relevant));
  SETS.forEach((_, s) => dev.push({ name: DEV[s]!.name, queries: revive(stored.dev[s]!, devItems[s]!.map((q) => q.relevant)) }));
  console.log(`features read from ${featureFile}`);
} else {
  trainQueries = await collect(trainItems);
  console.log(`training set: ${train.length} of ${allTrain.length} queries (--max-train ${maxTrain}), features in ${elapsed()}`);
  for (let s = 0; s < SETS.length; s++) dev.push({ name: DEV[s]!.name, queries: await collect(devItems[s]!) });
  const plain = (qs: readonly FusionQuery[]): Stored => qs.map((q) => q.candidates.map((c) => ({ skillId: c.skillId, features: Array.from(c.features, (x) => Math.round(x * 1e6) / 1e6) })));
  writeFileSync(featureFile, JSON.stringify({ train: plain(trainQueries), dev: dev.map((d) => plain(d.queries)) }));
}
const recall = (qs: readonly FusionQuery[]) => {
  let found = 0;
  let total = 0;
  for (const q of qs) {
    total += q.relevant.size;
    for (const c of q.candidates) if (q.relevant.has(c.skillId)) found++;
  }
  return `${((100 * found) / total).toFixed(1)} %`;
};
console.log(`${embedder.modelId}, ${phraseVectors} phrase vectors; gold among candidates: train ${recall(trainQueries)}, ${dev.map((s) => `${s.name} ${recall(s.queries)}`).join(', ')} (${elapsed()})`);

const f = (x: number) => (100 * x).toFixed(1);
const cell = (m: RankMetrics | LinkingMetrics) => `${f(m.rp1)} / ${f(m.rp5)} / ${f(m.rp10)} / ${f(m.mrr)}`;
const header = `| ${dev.map((s) => `${s.name} RP@1 / RP@5 / RP@10 / MRR`).join(' | ')} |`;

// (2) what to fit: feature set × training subset × shrinkage, each fitted on the training set alone and by
// leave-one-set-out (training set + the other two dev sets), scored on each dev set's candidates.
const NO_REL = FEATURES.filter((x) => !x.endsWith('Rel') && x !== 'neighbour');
const FEATURE_SETS: Record<string, readonly Feature[]> = {
  'sentence + phrase + lexical': ['sentence', 'phrase', 'lexical'],
  '+ description': ['sentence', 'sentenceDescription', 'phrase', 'lexical'],
  '+ description, lexical phrase, exact': ['sentence', 'sentenceDescription', 'phrase', 'lexical', 'lexicalPhrase', 'exact'],
  '+ coverage, taxonomy priors': NO_REL,
  'all features': FEATURES,
};
// Shrinkage toward the reference blend at its fitted scale (scripts/lib/fusion-grid.ts).
const refScale = referenceScale(trainQueries);
const SHRINK = shrinkages(refScale);
interface Choice {
  readonly name: string;
  readonly features: readonly Feature[];
  readonly subset: string;
  readonly shrink: string;
}
const fitOn = (c: Choice, held: FusionSet | null): FusionWeights => fitOnFolds({ train, trainQueries, dev }, c.features, SUBSETS[c.subset]!, SHRINK[c.shrink]!, held);
console.log(`\n**What to fit** (ranking each dev query's candidates; RP@5): fitted on the training set alone | by leave-one-set-out (training set + the other two dev sets); reference scale ${refScale.toFixed(2)}\n`);
console.log(`| features | training subset | shrinkage | ${dev.map((s) => `${s.name} train-only`).join(' | ')} | ${dev.map((s) => `${s.name} LOSO`).join(' | ')} | mean LOSO |\n|---|---|---|${dev.map(() => '---|---').join('|')}|---|`);
console.log(`| reference blend (1/3 each, nothing fitted) | – | – | ${dev.map((s) => f(fusionMetrics(s.queries, REFERENCE_BLEND_WEIGHTS).rp5)).join(' | ')} | ${dev.map(() => '–').join(' | ')} | ${f(dev.reduce((a, s) => a + fusionMetrics(s.queries, REFERENCE_BLEND_WEIGHTS).rp5, 0) / dev.length)} |`);
let kept: (Choice & { mean: number }) | null = null;
/** `--keep '<features>|<subset>|<shrinkage>'`: a choice made by an earlier run's table (skips the grid). */
const keepArg = opt('keep', '');
if (keepArg !== '') {
  const [name, subset, shrink] = keepArg.split('|') as [string, string, string];
  if (!FEATURE_SETS[name] || !SUBSETS[subset] || !SHRINK[shrink]) {
    process.stderr.write(`invalid --keep: ${keepArg} (expected <features>|<subset>|<shrinkage> from the table)\n`);
    process.exit(2);
  }
  kept = { name, features: FEATURE_SETS[name], subset, shrink, mean: NaN };
}
for (const [name, features] of keepArg !== '' ? [] : Object.entries(FEATURE_SETS)) {
  for (const subset of Object.keys(SUBSETS)) {
    for (const shrink of Object.keys(SHRINK)) {
      const c: Choice = { name, features, subset, shrink };
      const trainOnly = fitOn(c, null);
      const loso = dev.map((s) => fusionMetrics(s.queries, fitOn(c, s)).rp5);
      const mean = loso.reduce((a, b) => a + b, 0) / loso.length;
      console.log(`| ${name} | ${subset} | ${shrink} | ${dev.map((s) => f(fusionMetrics(s.queries, trainOnly).rp5)).join(' | ')} | ${loso.map(f).join(' | ')} | ${f(mean)} |`);
      if (!kept || mean > kept.mean) kept = { ...c, mean };
    }
  }
}
console.log(`\nkept (best mean leave-one-set-out RP@5): ${kept!.name}; ${kept!.subset}; ${kept!.shrink}`);
const weights = fitOn(kept!, null);
console.log(`weights fitted on the training set alone: ${JSON.stringify(weights)} (${elapsed()})`);
// The kept choice's weights, fitted on the training set alone and per leave-one-set-out fold (for scripts/fit-linking-mix.ts).
writeFileSync(fitCacheFile('weights', cacheKey), JSON.stringify({ kept: kept!, trainOnly: weights, loso: Object.fromEntries(dev.map((s) => [s.name, fitOn(kept!, s)])) }, null, 2));
if (argv.includes('--select-only')) process.exit(0);

// (3) full pipeline, all skills ranked (as `skillgraph eval linking`).
const evalSet = async (linker: Linker, s: number) => evalLinking(rows[s]!, skills, async (q) => (await linker.rankSkills(q)).map((r) => r.skillId));
console.log(`\n**Full pipeline on the dev sets** (all 13,896 skills ranked, \`eval linking\`'s scorer)\n\n| pipeline ${header}\n|---|${dev.map(() => '---').join('|')}|`);
const skipPipeline = argv.includes('--skip-pipeline');
const reference = createLinker({ ...base, embedder, ...REFERENCE_BLEND });
const refCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length && !skipPipeline; s++) refCells.push(await evalSet(reference, s));
console.log(`| reference: lexical + sentence + embedded phrase, 1/3 each | ${refCells.map(cell).join(' | ')} |`);
const searchOpts: Partial<LinkerOptions> = SEARCH_OPTS[search]!;
const trained = createLinker({ ...base, ...searchOpts, weights });
const trainedCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length && !skipPipeline; s++) trainedCells.push(await evalSet(trained, s));
console.log(`| learned on the training set alone (shipped; ${search} search) | ${trainedCells.map(cell).join(' | ')} |`);
const losoCells: LinkingMetrics[] = [];
for (let s = 0; s < SETS.length && !skipPipeline; s++) losoCells.push(await evalSet(createLinker({ ...base, ...searchOpts, weights: fitOn(kept!, dev[s]!) }), s));
console.log(`| learned by leave-one-set-out (training + the other two dev sets; ${search} search) | ${losoCells.map(cell).join(' | ')} |`);
const beats = (xs: readonly LinkingMetrics[]) => xs.every((m, s) => m.rp5 > refCells[s]!.rp5);
if (!skipPipeline) console.log(`\nbeats the reference blend on every dev set (RP@5): training set alone ${beats(trainedCells) ? 'yes' : 'NO'}, leave-one-set-out ${beats(losoCells) ? 'yes' : 'NO'} (${elapsed()})`);

// (5) calibration per kind of text, on the training set (all of it, not the --max-train subsample): each kind linked
// with the new weights as the product links it (textKind), the same rule as scripts/fit-linking-calibration.ts.
const fit = await fitCalibrations(allTrain, (kind) => {
  const linker = createLinker({ ...base, ...searchOpts, weights, textKind: kind });
  return async (text) => (await linker.rankSkills(text, 1))[0];
});
const previous = weightsFor(embedder.modelId, phraseVectors);
for (const k of TEXT_KINDS) console.log(`calibration ${k}: ${JSON.stringify(fit.byKind[k])} (${fit.samples[k].length} samples, ${fit.samples[k].filter((x) => x.y).length} gold)`);

if (argv.includes('--write')) {
  const file = fileURLToPath(new URL(`../engine/linking/weights/${embedder.modelId}.${phraseVectors}.json`, import.meta.url));
  writeWeightsFile(file, {
    version: (previous?.version ?? 0) + 1,
    modelId: embedder.modelId,
    phraseVectors,
    seed,
    fittedOn: `${collectSearch === 'default' ? '' : `candidates of the ${collectSearch} search (--collect-search ${collectSearch}), `}training set ${trainFile.split('/').pop()} sha256 ${trainHash.slice(0, 16)} (${train.length} of ${allTrain.length} queries, seeded subsample --max-train ${maxTrain}; scripts/build-linking-trainset.ts), no dev set: listwise softmax over each query's candidates (fitFusion, features: ${kept!.name}, ${kept!.subset}, ${kept!.shrink}, chosen by leave-one-set-out on the Decorte dev sets); scripts/fit-linking-weights.ts --dtype ${dtype} --phrase-vectors ${phraseVectors} --seed ${seed} --max-train ${maxTrain} --collect-search ${collectSearch} --search ${search}; ${calibrationNote(fit, trainHash, allTrain.length)}`,
    weights,
    calibration: fit.posting,
    calibrationByKind: fit.byKind,
    // The candidate search the weights were fitted on and scored with becomes the linker's default for this file.
    ...(search !== 'default' && search !== 'reference' ? { search: SEARCH_OPTS[search] } : {}),
  });
  console.log(`wrote ${file.slice(file.indexOf('engine/'))}`);
}
await index.dispose();
await model.dispose();
await cache.close();
