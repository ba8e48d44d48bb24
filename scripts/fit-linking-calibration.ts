/**
 * Refits the linker's confidence calibration per kind of text (posting, cv, course) on the training set of
 * scripts/build-linking-trainset.ts, for the shipped stage-1 pipeline (the stored fusion weights unchanged), and
 * writes it into the weights file (issue 18, round 3). Each kind is linked as the product links it (`textKind`:
 * CV text reads inflected verbs in the labels' base form), on a seeded subsample of at most `--per-kind` of its
 * training queries; the samples are each query's best candidate (fused score, gold or not), as
 * scripts/fit-linking-weights.ts fits them: "is the sentence's best link right" is what the 0.3 threshold asks. A
 * kind with fewer than 100 samples or a flat fit (slope under half the posting one) uses the posting calibration.
 * No dev set is used (a calibration does not reorder, so `eval linking` is unchanged).
 *
 *   npx tsx scripts/fit-linking-calibration.ts                 # report only
 *   npx tsx scripts/fit-linking-calibration.ts --write         # also write engine/linking/weights/<modelId>.embedded.json
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import { fitLogistic, type Calibration } from '../engine/linking/calibration.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { TEXT_KINDS } from '../engine/linking/linking-weights.ts';
import { escoLexical, escoLinking } from '../bench/lib/esco-linking.ts';
import { calibrationsByKind, KIND_OF, MIN_CALIBRATION_SAMPLES, roundCalibration, type CalibrationSamples } from './lib/calibration-by-kind.ts';
import { readTrainingSet, subsampleIndices } from './lib/training-set.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const trainFile = opt('train', '.cache/linking-train/train.jsonl');
const perKind = Number(opt('per-kind', '400'));
const seed = Number(opt('seed', '18'));
if (!Number.isInteger(perKind) || perKind < 1 || !Number.isInteger(seed)) {
  process.stderr.write('usage: fit-linking-calibration [--train FILE] [--per-kind N] [--seed N] [--write]\n');
  process.exit(2);
}
if (!existsSync(trainFile)) {
  process.stderr.write(`no training set at ${trainFile}: run \`npx tsx scripts/build-linking-trainset.ts\` first\n`);
  process.exit(2);
}

const t0 = performance.now();
const { taxonomy, priors, model, cache, embedder, index } = await escoLinking('q8');
const lexical = escoLexical(taxonomy);
const train = readTrainingSet(trainFile);
const trainHash = sha256Hex(readFileSync(trainFile, 'utf8'));
const samples: CalibrationSamples = { posting: [], cv: [], course: [] };
for (const kind of TEXT_KINDS) {
  const linker = createLinker({ index, lexical, embedder, priors, textKind: kind });
  const ofKind = train.filter((q) => KIND_OF[q.kind] === kind);
  const picked = subsampleIndices(ofKind.length, Math.min(perKind, ofKind.length), seed).map((i) => ofKind[i]!);
  for (const q of picked) {
    const [best] = await linker.rankSkills(q.text, 1);
    if (best) samples[kind].push({ x: best.score, y: q.skills.includes(best.skillId) ? 1 : 0 });
  }
  console.log(`${kind}: ${samples[kind].length} samples of ${ofKind.length} queries, ${samples[kind].filter((s) => s.y).length} best candidates gold (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
}
const posting = roundCalibration(fitLogistic(samples.posting));
const byKind = calibrationsByKind(samples, posting);
const p = (c: Calibration, x: number) => 1 / (1 + Math.exp(-(c.a * x + c.b)));
for (const k of TEXT_KINDS) {
  const c = byKind[k];
  console.log(`calibration ${k}: ${JSON.stringify(c)}${k !== 'posting' && c === posting ? ' (the posting one)' : ''}; score at confidence 0.3: ${((Math.log(0.3 / 0.7) - c.b) / c.a).toFixed(2)}; mean confidence of the samples ${(samples[k].reduce((s, x) => s + p(c, x.x), 0) / Math.max(1, samples[k].length)).toFixed(3)} vs gold share ${(samples[k].filter((x) => x.y).length / Math.max(1, samples[k].length)).toFixed(3)}`);
}

if (argv.includes('--write')) {
  const file = fileURLToPath(new URL(`../engine/linking/weights/${embedder.modelId}.embedded.json`, import.meta.url));
  const current = JSON.parse(readFileSync(file, 'utf8')) as { version: number; fittedOn: string; calibration: Calibration; calibrationByKind?: unknown };
  const note = `; calibration per kind refitted (issue 18, round 3) on the training set alone, train.jsonl sha256 ${trainHash.slice(0, 16)} (${train.length} queries, with the CV / course queries): each kind linked as the product links it (textKind), seeded subsample of ≤ ${perKind} queries per kind (seed ${seed}), each query's best candidate (a kind with < ${MIN_CALIBRATION_SAMPLES} samples or a flat fit uses the posting one); npx tsx scripts/fit-linking-calibration.ts --per-kind ${perKind} --seed ${seed} --write`;
  const fittedOn = current.fittedOn.replace(/; calibration per kind refitted \(issue 18, round 3\).*$/, '') + note;
  // The version is bumped when the fitted numbers change (a rerun on the same data writes the same file).
  const changed = JSON.stringify([current.calibration, current.calibrationByKind]) !== JSON.stringify([posting, byKind]);
  const out = { ...current, version: current.version + (changed ? 1 : 0), fittedOn, calibration: posting, calibrationByKind: byKind };
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  console.log(`wrote ${file.slice(file.indexOf('engine/'))} (version ${out.version})`);
}
await index.dispose();
await model.dispose();
await cache.close();
