/**
 * Writes the candidates of scripts/fit-linking-weights.ts's cached features file as JSON lines, with each candidate's
 * gold flag and each training query's kind, for the boosted-trees experiment beside it (boosted.py; issue 18):
 *
 *   npx tsx scripts/fusion-trees/dump-candidates.ts <features file> <out.jsonl> [--train .cache/linking-train/train.jsonl] [--max-train 1500] [--seed 9]
 *
 * One line per query: { set: 'train' | 'tech' | 'house' | 'techwolf', kind?, masked?, nRel, c: [[skillId, gold 0|1, features]] }.
 * The training queries are the features file's seeded subsample (subsampleIndices, as the fit draws it); the dev queries
 * are linkingQueries of the three Decorte dev sets, in the file's order.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { linkingQueries } from '../../engine/eval/eval-linking.ts';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { fusionSubsample, readDevSets } from '../lib/dev-sets.ts';
import { readTrainingSet } from '../lib/training-set.ts';

const argv = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : dflt;
};
const [featureFile, out] = argv.filter((a, i) => !a.startsWith('--') && !argv[i - 1]?.startsWith('--'));
if (!featureFile || !out) {
  process.stderr.write('usage: dump-candidates.ts <features file> <out.jsonl> [--train <train.jsonl>] [--max-train 1500] [--seed 9]\n');
  process.exit(2);
}
type Stored = { skillId: string; features: number[] }[][];
const stored = JSON.parse(readFileSync(featureFile, 'utf8')) as { train: Stored; dev: Stored[] };
const all = readTrainingSet(opt('train', '.cache/linking-train/train.jsonl'));
const train = fusionSubsample(all, Number(opt('max-train', '1500')), Number(opt('seed', '9')));
if (train.length !== stored.train.length) {
  process.stderr.write(`${featureFile}: ${stored.train.length} training queries, but the subsample has ${train.length} (other --train / --max-train / --seed?)\n`);
  process.exit(2);
}
const taxonomy = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
const lines: string[] = [];
const line = (x: object) => lines.push(JSON.stringify(x));
stored.train.forEach((cands, i) => {
  const gold = new Set(train[i]!.skills);
  line({ set: 'train', kind: train[i]!.kind, masked: train[i]!.masked, nRel: gold.size, c: cands.map((x) => [x.skillId, gold.has(x.skillId) ? 1 : 0, x.features]) });
});
readDevSets().forEach(({ name, rows }, s) => {
  const queries = linkingQueries(rows, taxonomy.skills);
  stored.dev[s]!.forEach((cands, i) => {
    const gold = queries[i]!.relevant;
    line({ set: name, nRel: gold.size, c: cands.map((x) => [x.skillId, gold.has(x.skillId) ? 1 : 0, x.features]) });
  });
});
writeFileSync(out, lines.join('\n') + '\n');
console.log(`${lines.length} queries → ${out}`);
