/**
 * Issue 18: how far the dev-set comparison with the reference blend can be trusted, on the candidates and
 * features that scripts/fit-linking-weights.ts collected (no model run; seconds). Prints:
 *   (1) ways of combining the learned score with the unfitted reference blend's score — linear (one weight
 *       vector, engine/eval/reference-mix.ts), per-query z-scores, reciprocal-rank fusion — the mixing weight of each
 *       fold chosen on the two OTHER dev sets (leave-one-set-out), scored on the held-out one;
 *   (2) the reference's neighbourhood: RP@5 of the lexical/sentence/phrase blends on a 0.1 grid within 0.3
 *       (L1) of 1/3 each — is the reference a broad optimum or a spike on a set?
 *   (3) a paired bootstrap (seeded) of learned-by-LOSO minus reference, per set: how often the learned
 *       weights come out ahead when the set's sentences are resampled;
 *   (4) 5-fold CV by set: each dev set dealt into 5 seeded folds, fitted on the training set + the two other
 *       dev sets + 4 folds of this one, scored on the fifth (reported apart: it fits on part of the set).
 *
 *   npx tsx scripts/linking-dev-analysis.ts --features .cache/linking-train/features-<…>.json --weights .cache/linking-train/weights-<…>.json
 */
import { existsSync, readFileSync } from 'node:fs';
import { linkingQueries } from '../engine/eval/eval-linking.ts';
import { mean, rPrecisionAtK } from '../engine/eval/metrics.ts';
import { REFERENCE_BLEND_WEIGHTS } from '../engine/eval/reference-blend.ts';
import { FEATURES, type Feature } from '../engine/linking/features.ts';
import { fitFusion, fusedScore, type FusionQuery } from '../engine/linking/fusion.ts';
import type { FusionWeights } from '../engine/linking/fusion-weights.ts';
import { MIX_GRID, mixWeights } from '../engine/eval/reference-mix.ts';
import { seededRandom } from '../engine/ports/random.ts';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { fusionSubsample, readDevSets } from './lib/dev-sets.ts';
import { readTrainingSet } from './lib/training-set.ts';

const argv = process.argv.slice(2);
const opt = (name: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : '';
};
const featureFile = opt('features');
const weightsFile = opt('weights');
const trainFile = opt('train') || '.cache/linking-train/train.jsonl';
const seed = Number(opt('seed') || '9');
const maxTrain = Number(opt('max-train') || '1500');
if (![featureFile, weightsFile, trainFile].every((f) => f !== '' && existsSync(f))) {
  process.stderr.write('usage: linking-dev-analysis --features FILE --weights FILE [--train FILE] [--seed 9] [--max-train 1500] (files from scripts/fit-linking-weights.ts)\n');
  process.exit(2);
}
type Stored = { skillId: string; features: number[] }[];
const feat = JSON.parse(readFileSync(featureFile, 'utf8')) as { train: Stored[]; dev: Stored[][] };
const learned = JSON.parse(readFileSync(weightsFile, 'utf8')) as { kept: { features: Feature[]; subset: string; shrink: string }; trainOnly: FusionWeights; loso: Record<string, FusionWeights> };
const revive = (c: Stored) => c.map((x) => ({ skillId: x.skillId, features: Float32Array.from(x.features) }));
const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const DEV = readDevSets();
const NAMES = DEV.map((d) => d.name);
const dev: FusionQuery[][] = DEV.map(({ rows }, s) => linkingQueries(rows, taxonomy.skills).map((q, i) => ({ relevant: q.relevant, candidates: revive(feat.dev[s]![i]!) })));
// The training queries in the order fit-linking-weights used (its seeded subsample).
const all = readTrainingSet(trainFile);
const train = fusionSubsample(all, maxTrain, seed);
if (train.length !== feat.train.length) throw new Error(`training subsample (${train.length}) does not match the feature file (${feat.train.length}): pass the same --seed / --max-train`);
const trainQ: FusionQuery[] = train.map((q, i) => ({ relevant: new Set(q.skills), candidates: revive(feat.train[i]!) }));
const f = (x: number) => (100 * x).toFixed(1);

type Scorer = (q: FusionQuery) => number[];
const linear = (w: FusionWeights): Scorer => (q) => q.candidates.map((c) => fusedScore(w, c.features));
const rp5 = (qs: readonly FusionQuery[], sc: Scorer) =>
  mean(qs.map((q) => {
    const s = sc(q);
    const ranked = q.candidates.map((c, i) => ({ id: c.skillId, s: s[i]! })).sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => x.id);
    return rPrecisionAtK(ranked, q.relevant, 5);
  }));
const perQuery = (qs: readonly FusionQuery[], sc: Scorer) =>
  qs.map((q) => {
    const s = sc(q);
    const ranked = q.candidates.map((c, i) => ({ id: c.skillId, s: s[i]! })).sort((a, b) => b.s - a.s || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => x.id);
    return rPrecisionAtK(ranked, q.relevant, 5);
  });
const ref = linear(REFERENCE_BLEND_WEIGHTS);
const refRp5 = dev.map((d) => rp5(d, ref));
const zscores = (s: number[]) => {
  const m = mean(s);
  const sd = Math.sqrt(mean(s.map((x) => (x - m) ** 2))) || 1;
  return s.map((x) => (x - m) / sd);
};
const rankOf = (s: number[]) => {
  const r = new Array<number>(s.length);
  s.map((x, i) => [x, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).forEach(([, i], k) => (r[i] = k));
  return r;
};
const METHODS: Record<string, (w: FusionWeights, a: number) => Scorer> = {
  'linear (mixWeights)': (w, a) => linear(mixWeights(w, a)),
  'per-query z-scores': (w, a) => (q) => {
    const x = zscores(linear(w)(q));
    const y = zscores(ref(q));
    return x.map((v, i) => (1 - a) * v + a * y[i]!);
  },
  'reciprocal-rank fusion (k 60)': (w, a) => (q) => {
    const x = rankOf(linear(w)(q));
    const y = rankOf(ref(q));
    return x.map((v, i) => (1 - a) / (60 + v) + a / (60 + y[i]!));
  },
};

console.log(`queries: ${NAMES.map((n, s) => `${n} ${dev[s]!.length}`).join(', ')}; training ${trainQ.length}; learned: ${learned.kept.subset}, ${learned.kept.shrink}`);
console.log(`\n(1) Combined with the reference (candidate level, RP@5; α per fold chosen on the two other dev sets, ties to the larger α)\n`);
console.log(`| combination | α per fold | ${NAMES.join(' | ')} | mean | beats reference on every set |\n|---|---|${NAMES.map(() => '---').join('|')}|---|---|`);
console.log(`| reference (1/3 each, nothing fitted) | – | ${refRp5.map(f).join(' | ')} | ${f(mean(refRp5))} | – |`);
for (const [name, m] of Object.entries(METHODS)) {
  const picks: number[] = [];
  const loso = NAMES.map((held, h) => {
    let best = 0;
    let bestScore = -Infinity;
    for (const a of MIX_GRID) {
      const score = mean(dev.filter((_, s) => s !== h).map((d) => rp5(d, m(learned.loso[held]!, a))));
      if (score >= bestScore) [best, bestScore] = [a, score];
    }
    picks.push(best);
    return rp5(dev[h]!, m(learned.loso[held]!, best));
  });
  console.log(`| ${name} | ${picks.join(' / ')} | ${loso.map(f).join(' | ')} | ${f(mean(loso))} | ${loso.every((x, s) => x > refRp5[s]!) ? 'yes' : 'no'} |`);
}
const learnedLoso = NAMES.map((held, h) => perQuery(dev[h]!, linear(learned.loso[held]!)));
console.log(`| learned alone (α = 0) | – | ${learnedLoso.map((x) => f(mean(x))).join(' | ')} | ${f(mean(learnedLoso.map(mean)))} | ${learnedLoso.every((x, s) => mean(x) > refRp5[s]!) ? 'yes' : 'no'} |`);

console.log(`\n(2) The reference's neighbourhood: sentence / phrase / lexical blends on a 0.1 grid within 0.3 (L1) of 1/3 each, RP@5\n`);
const zero = Object.fromEntries(FEATURES.map((x) => [x, 0])) as Record<Feature, number>;
const near: number[][] = NAMES.map(() => []);
for (let a = 0; a <= 10; a++) {
  for (let b = 0; a + b <= 10; b++) {
    const c = 10 - a - b;
    if (Math.abs(a / 10 - 1 / 3) + Math.abs(b / 10 - 1 / 3) + Math.abs(c / 10 - 1 / 3) > 0.3 + 1e-9) continue;
    const w = { ...zero, sentence: a / 10, phrase: b / 10, lexical: c / 10 } as FusionWeights;
    dev.forEach((d, s) => near[s]!.push(rp5(d, linear(w))));
  }
}
console.log(`| set | reference | ${near[0]!.length} neighbours: min / mean / max |\n|---|---|---|`);
NAMES.forEach((n, s) => console.log(`| ${n} | ${f(refRp5[s]!)} | ${f(Math.min(...near[s]!))} / ${f(mean(near[s]!))} / ${f(Math.max(...near[s]!))} |`));

console.log(`\n(3) Paired bootstrap of learned-by-LOSO minus reference (candidate level, RP@5, 2,000 resamples of each set's sentences, seed ${seed})\n`);
console.log(`| set | difference | 90 % interval | share of resamples where learned > reference |\n|---|---|---|---|`);
NAMES.forEach((n, s) => {
  const a = learnedLoso[s]!;
  const b = perQuery(dev[s]!, ref);
  const rnd = seededRandom(seed + s);
  const diffs: number[] = [];
  for (let r = 0; r < 2000; r++) {
    let acc = 0;
    for (let i = 0; i < a.length; i++) {
      const j = Math.floor(rnd() * a.length);
      acc += a[j]! - b[j]!;
    }
    diffs.push(acc / a.length);
  }
  diffs.sort((x, y) => x - y);
  console.log(`| ${n} | ${f(mean(a) - mean(b))} | ${f(diffs[100]!)} … ${f(diffs[1899]!)} | ${f(diffs.filter((d) => d > 0).length / diffs.length)} % |`);
});

console.log(`\n(4) 5-fold CV by set (fitted on the training set + the two other dev sets + 4/5 of this set; NOT a held-out-set figure)\n`);
const tw = train.map((q) => (learned.kept.subset === 'sentences only' && (q.kind === 'label' || q.kind === 'course') ? 0 : 1));
const refScale = fitFusion(trainQ.map((q) => ({ relevant: q.relevant, candidates: q.candidates.map((c) => ({ skillId: c.skillId, features: Float32Array.from(FEATURES, (x) => (x === 'sentence' ? fusedScore(REFERENCE_BLEND_WEIGHTS, c.features) : 0)) })) })), { features: ['sentence'] }).sentence;
const prior = learned.kept.shrink.includes('toward reference') ? (Object.fromEntries(FEATURES.map((x) => [x, refScale * REFERENCE_BLEND_WEIGHTS[x]])) as FusionWeights) : undefined;
const l2 = Number(/l2 ([\d.]+)/.exec(learned.kept.shrink)?.[1] ?? '0.01');
const cv = NAMES.map((_, s) => {
  const rnd = seededRandom(seed + 100 + s);
  const fold = dev[s]!.map(() => Math.floor(rnd() * 5));
  const scores: number[] = [];
  for (let k = 0; k < 5; k++) {
    const extra = [...dev.filter((_, t) => t !== s).flat(), ...dev[s]!.filter((_, i) => fold[i] !== k)];
    const w = fitFusion([...trainQ, ...extra], { features: learned.kept.features, l2, ...(prior ? { prior } : {}), queryWeights: [...tw, ...extra.map(() => 1)] });
    scores.push(...perQuery(dev[s]!.filter((_, i) => fold[i] === k), linear(w)));
  }
  return mean(scores);
});
console.log(`| pipeline | ${NAMES.join(' | ')} |\n|---|${NAMES.map(() => '---').join('|')}|`);
console.log(`| reference (nothing fitted) | ${refRp5.map(f).join(' | ')} |`);
console.log(`| learned, 5-fold CV by set | ${cv.map(f).join(' | ')} |`);
