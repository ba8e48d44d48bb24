/**
 * Refits the linker's confidence calibration per kind of text (posting, cv, course) on the training set of
 * scripts/build-linking-trainset.ts, for the shipped stage-1 pipeline (the stored fusion weights unchanged), and
 * writes it into the weights file (issue 18, round 3). Each kind is linked as the product links it (`textKind`:
 * CV text reads inflected verbs in the labels' base form), on a seeded subsample of at most `--per-kind` of its
 * training queries; the samples are each query's best candidate (fused score, gold or not), as
 * scripts/fit-linking-weights.ts fits them with new weights (both run `fitCalibrations`, scripts/lib/calibration-by-kind.ts):
 * "is the sentence's best link right" is what the 0.3 threshold asks. A
 * kind with fewer than 100 samples or a flat fit (slope under half the posting one) uses the posting calibration.
 * No dev set is used (a calibration does not reorder, so `eval linking` is unchanged).
 *
 *   npx tsx scripts/fit-linking-calibration.ts                 # report only
 *   npx tsx scripts/fit-linking-calibration.ts --write         # also write engine/linking/weights/<modelId>.embedded.json
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { Calibration } from '../engine/linking/calibration.ts';
import { createLinker } from '../engine/linking/link-text.ts';
import { TEXT_KINDS } from '../engine/linking/linking-weights.ts';
import { escoLexical, escoLinking } from '../bench/lib/esco-linking.ts';
import { CALIBRATION_PER_KIND, CALIBRATION_SEED, calibrationNote, fitCalibrations, writeWeightsFile, type WeightsFileContent } from './lib/calibration-by-kind.ts';
import { readTrainingSet } from './lib/training-set.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const trainFile = opt('train', '.cache/linking-train/train.jsonl');
const perKind = Number(opt('per-kind', String(CALIBRATION_PER_KIND)));
const seed = Number(opt('seed', String(CALIBRATION_SEED)));
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
// The stored fusion weights and search (the linker's defaults for this model), each kind linked as the product links it.
const fit = await fitCalibrations(
  train,
  (kind) => {
    const linker = createLinker({ index, lexical, embedder, priors, textKind: kind });
    return async (text) => (await linker.rankSkills(text, 1))[0];
  },
  { perKind, seed, onKind: (kind, n, of) => console.log(`${kind}: ${n} samples of ${of} queries (${((performance.now() - t0) / 1000).toFixed(0)} s)`) },
);
const { posting, byKind, samples } = fit;
const p = (c: Calibration, x: number) => 1 / (1 + Math.exp(-(c.a * x + c.b)));
for (const k of TEXT_KINDS) {
  const c = byKind[k];
  console.log(`calibration ${k}: ${JSON.stringify(c)}${k !== 'posting' && c === posting ? ' (the posting one)' : ''}; score at confidence 0.3: ${((Math.log(0.3 / 0.7) - c.b) / c.a).toFixed(2)}; mean confidence of the samples ${(samples[k].reduce((s, x) => s + p(c, x.x), 0) / Math.max(1, samples[k].length)).toFixed(3)} vs gold share ${(samples[k].filter((x) => x.y).length / Math.max(1, samples[k].length)).toFixed(3)}`);
}

if (argv.includes('--write')) {
  const file = fileURLToPath(new URL(`../engine/linking/weights/${embedder.modelId}.embedded.json`, import.meta.url));
  const current = JSON.parse(readFileSync(file, 'utf8')) as WeightsFileContent & { fittedOn: string };
  const note = `; ${calibrationNote(fit, trainHash, train.length, { perKind, seed })}; npx tsx scripts/fit-linking-calibration.ts --per-kind ${perKind} --seed ${seed} --write`;
  // A previous refit's note is replaced (this script's, or the one fit-linking-weights writes).
  const fittedOn = current.fittedOn.replace(/; calibration per kind (?:refitted \(issue 18, round 3\)|of text fitted on the training set alone).*$/, '') + note;
  // The version is bumped when the fitted numbers change (a rerun on the same data writes the same file).
  const changed = JSON.stringify([current.calibration, current.calibrationByKind]) !== JSON.stringify([posting, byKind]);
  const out: WeightsFileContent = { ...current, version: current.version + (changed ? 1 : 0), fittedOn, calibration: posting, calibrationByKind: byKind };
  writeWeightsFile(file, out);
  console.log(`wrote ${file.slice(file.indexOf('engine/'))} (version ${out.version})`);
}
await index.dispose();
await model.dispose();
await cache.close();
