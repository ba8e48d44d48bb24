/**
 * Does a second (fine-tuned) encoder help as an extra feature beside the shipped one? (issue 18 item 2)
 *
 * Reads the candidates and features that scripts/fit-linking-weights.ts collected with the SHIPPED encoder (its
 * cached features file), and adds, for every candidate, the cosines of the query under the model that
 * SKILLGRAPH_MODELS / SKILLGRAPH_CACHE point at (a fine-tuned encoder from scripts/encoder/train.py): to the skill's
 * labels (max) and to its `label. description` row (the model SKILLGRAPH_MODEL names under SKILLGRAPH_MODELS). The candidates are the shipped pipeline's, so the second
 * encoder only reorders them, as a stage-2 feature would in the product. Then the same grid as fit-linking-weights
 * (training subset × shrinkage) is fitted with and without the new features, on the training set alone and by
 * leave-one-set-out, and scored on each dev set's candidates (RP@5, dev numbers).
 *
 *   SKILLGRAPH_MODELS=<models folder> SKILLGRAPH_MODEL=all-MiniLM-L6-v2-esco SKILLGRAPH_CACHE=<its own cache>/embeddings.sqlite \
 *     npx tsx scripts/encoder/two-encoder-fit.ts --features .cache/linking-train/features-all-MiniLM-L6-v2@q8-embedded-coarse-<sha>-1500-9.json \
 *       --train .cache/linking-train/train.jsonl
 *
 * The training subsample must be the one the fine-tuned encoder never saw (train.py excludes fit-linking-weights'
 * --max-train 1500 --seed 9 subsample of the same training file).
 */
import { existsSync, readFileSync } from 'node:fs';
import { fusionMetrics, type FusionSet } from '../../engine/eval/fusion-cv.ts';
import { linkingQueries } from '../../engine/eval/eval-linking.ts';
import { F, FEATURES, type Feature } from '../../engine/linking/features.ts';
import type { FusionQuery } from '../../engine/linking/fusion.ts';
import type { FusionWeights } from '../../engine/linking/options.ts';
import { escoLinking } from '../../bench/lib/esco-linking.ts';
import { fitOnFolds, referenceScale, shrinkages, SUBSETS } from '../lib/fusion-grid.ts';
import { readDevSets } from '../lib/dev-sets.ts';
import { readTrainingSet, subsampleIndices } from '../lib/training-set.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const featureFile = opt('features', '');
const trainFile = opt('train', '.cache/linking-train/train.jsonl');
const maxTrain = Number(opt('max-train', '1500'));
const seed = Number(opt('seed', '9'));
if (!existsSync(featureFile) || !existsSync(trainFile)) {
  process.stderr.write('usage: two-encoder-fit --features <fit-linking-weights features file> --train <train.jsonl> [--max-train 1500] [--seed 9]\n');
  process.exit(2);
}

const { taxonomy, model, cache, embedder, index } = await escoLinking('q8');
const skills = taxonomy.skills;
const at = new Map(skills.map((s, i) => [s.id, i]));
const allTrain = readTrainingSet(trainFile);
const train = allTrain.length > maxTrain ? subsampleIndices(allTrain.length, maxTrain, seed).map((i) => allTrain[i]!) : allTrain;
const DEV = readDevSets();
const SETS = DEV.map((d) => d.file);
const rows = DEV.map((d) => d.rows);
const devItems = SETS.map((_, s) => linkingQueries(rows[s]!, skills).map((q) => ({ text: q.sentence, relevant: q.relevant })));
const trainItems = train.map((q) => ({ text: q.text, relevant: new Set(q.skills) as ReadonlySet<string> }));

type Stored = { skillId: string; features: number[] }[][];
const stored = JSON.parse(readFileSync(featureFile, 'utf8')) as { train: Stored; dev: Stored[] };
if (stored.train.length !== trainItems.length) throw new Error(`features file has ${stored.train.length} training queries, the subsample ${trainItems.length}`);

/**
 * The extra features live in slots the kept feature row does not use (the relative features and `neighbour`), so the
 * fusion code is unchanged: sentenceRel ← second encoder to labels, phraseRel ← to the description row, lexicalRel ←
 * second encoder to labels minus its max over the query's candidates.
 */
const SLOT = { ft: F.sentenceRel, ftDesc: F.phraseRel, ftRel: F.lexicalRel } as const;
const label = new Float32Array(skills.length);
const described = new Float32Array(skills.length);
const withSecond = async (items: readonly { text: string; relevant: ReadonlySet<string> }[], qs: Stored): Promise<FusionQuery[]> => {
  const vectors = await embedder.embed(items.map((q) => q.text));
  const scores = await index.rowScores(vectors);
  return qs.map((cands, i) => {
    index.maxPerSkillSplit(scores, i * index.rows, label, described);
    const out = cands.map((c) => {
      const f = Float32Array.from(c.features);
      const k = at.get(c.skillId)!;
      f[SLOT.ft] = label[k]!;
      f[SLOT.ftDesc] = Math.max(0, described[k]!);
      return { skillId: c.skillId, features: f };
    });
    let max = -Infinity;
    for (const c of out) max = Math.max(max, c.features[SLOT.ft]!);
    for (const c of out) c.features[SLOT.ftRel] = c.features[SLOT.ft]! - max;
    return { candidates: out, relevant: items[i]!.relevant };
  });
};
const chunked = async (items: readonly { text: string; relevant: ReadonlySet<string> }[], qs: Stored): Promise<FusionQuery[]> => {
  const out: FusionQuery[] = [];
  for (let i = 0; i < items.length; i += 64) out.push(...(await withSecond(items.slice(i, i + 64), qs.slice(i, i + 64))));
  return out;
};
const trainQueries = await chunked(trainItems, stored.train);
const dev: FusionSet[] = [];
for (let s = 0; s < SETS.length; s++) dev.push({ name: DEV[s]!.name, queries: await chunked(devItems[s]!, stored.dev[s]!) });
console.log(`second encoder: ${embedder.modelId} (SKILLGRAPH_MODELS=${process.env['SKILLGRAPH_MODELS'] ? 'set' : 'unset'}); ${trainQueries.length} training queries`);

const NO_REL = FEATURES.filter((x) => !x.endsWith('Rel') && x !== 'neighbour');
const FEATURE_SETS: Record<string, readonly Feature[]> = {
  'shipped row (+ coverage, taxonomy priors)': NO_REL,
  '+ second encoder to labels': [...NO_REL, 'sentenceRel'],
  '+ second encoder to labels and description': [...NO_REL, 'sentenceRel', 'phraseRel'],
  '+ second encoder, labels, description, relative': [...NO_REL, 'sentenceRel', 'phraseRel', 'lexicalRel'],
};
const SHRINK = shrinkages(referenceScale(trainQueries));
const fitOn = (features: readonly Feature[], subset: string, shrink: string, held: FusionSet | null): FusionWeights =>
  fitOnFolds({ train, trainQueries, dev }, features, SUBSETS[subset]!, SHRINK[shrink]!, held);
const f1 = (x: number) => (100 * x).toFixed(1);
console.log(`\n| features | training subset | shrinkage | ${dev.map((s) => `${s.name} train-only`).join(' | ')} | ${dev.map((s) => `${s.name} LOSO`).join(' | ')} | mean LOSO | LOSO RP@1 | LOSO MRR |`);
console.log(`|---|---|---|${dev.map(() => '---|---').join('|')}|---|---|---|`);
for (const [name, features] of Object.entries(FEATURE_SETS)) {
  for (const subset of Object.keys(SUBSETS)) {
    for (const shrink of Object.keys(SHRINK)) {
      const trainOnly = fitOn(features, subset, shrink, null);
      const loso = dev.map((s) => fusionMetrics(s.queries, fitOn(features, subset, shrink, s)));
      const mean = loso.reduce((a, m) => a + m.rp5, 0) / loso.length;
      console.log(`| ${name} | ${subset} | ${shrink} | ${dev.map((s) => f1(fusionMetrics(s.queries, trainOnly).rp5)).join(' | ')} | ${loso.map((m) => f1(m.rp5)).join(' | ')} | ${f1(mean)} | ${loso.map((m) => f1(m.rp1)).join(' / ')} | ${loso.map((m) => f1(m.mrr)).join(' / ')} |`);
    }
  }
  const w = fitOn(features, 'sentences, masked ×3', 'l2 0.03 toward reference', null);
  console.log(`| weights (sentences, masked ×3; l2 0.03 toward reference), training set alone: ${JSON.stringify(w)} |`);
}
await index.dispose();
await model.dispose();
await cache.close();
