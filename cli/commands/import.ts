import type { Command } from 'commander';
import { register as candidates } from './import/candidates.ts';
import { register as crosswalk } from './import/crosswalk.ts';
import { register as documents } from './import/documents.ts';
import { register as esco } from './import/esco.ts';
import { register as onet } from './import/onet.ts';
import { register as sample } from './import/sample.ts';

/** `skillgraph import <esco|onet|crosswalk|sample>`: loaders into the store, one transaction each. */
export function register(program: Command): void {
  const cmd = program.command('import').description('import a taxonomy (ESCO, O*NET, crosswalk), the sample data, credentials, job postings or candidates into the store');
  for (const sub of [esco, onet, crosswalk, sample, documents, candidates]) sub(cmd);
}
