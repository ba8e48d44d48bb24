/**
 * Writes the sample data set (`npm run gen:sample`): `tsx scripts/generate-sample.ts [--out <dir>]`.
 * Deterministic: a fixed seed and reference date, so running it twice leaves no diff.
 */
import { existsSync } from 'node:fs';
import { resolve, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import { generateSample, writeSample } from './sample/generate.ts';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv: readonly string[]): { out: string } {
  let out = join(repo, 'datasets');
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--out' && argv[i + 1]) out = resolve(argv[++i] as string);
    else throw new Error(`invalid option: ${arg}`);
  }
  return { out };
}

try {
  const { out } = parseArgs(process.argv.slice(2));
  const escoDir = sharedPath('datasets', 'esco-v1.1.1');
  if (!existsSync(join(escoDir, 'skills_en.csv'))) {
    throw new Error(`ESCO v1.1.1 not found in ${escoDir}: set SKILLGRAPH_SHARED to the folder holding datasets/esco-v1.1.1`);
  }
  const files = generateSample({ escoDir });
  writeSample(out, files);
  for (const [rel, content] of files) console.log(`${rel}\t${Buffer.byteLength(content)} bytes`);
} catch (err) {
  console.error(`gen:sample: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
}
