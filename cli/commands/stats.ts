import type { Command } from 'commander';
import type { StoreStats } from '../../taxonomy/model/types.ts';
import { formatCount } from '../lib/format.ts';
import { printJson } from '../lib/print-json.ts';
import { withStore } from '../lib/with-store.ts';
import { parseTaxonomyVersions, TAXONOMY_VERSIONS_META } from '../../taxonomy/loaders/taxonomy-version.ts';

const LABELS: Record<keyof StoreStats, string> = {
  skills: 'skills',
  skillGroups: 'skill groups',
  broaderRelations: 'broader relations',
  skillRelations: 'skill–skill relations',
  occupations: 'occupations',
  occupationSkills: 'occupation–skill relations',
  occupationSkillsEssential: '  essential',
  occupationSkillsOptional: '  optional',
  crosswalk: 'crosswalk rows',
  skillMappings: 'O*NET → ESCO skill mappings',
  credentials: 'credentials',
  candidates: 'candidates',
  awards: 'awards',
  postings: 'job postings',
  roles: 'roles',
  embeddings: 'cached embeddings',
};

/** `skillgraph stats [--json] [--db <file>]`: counts of everything in the store. */
export function register(program: Command): void {
  program
    .command('stats')
    .description('print counts of everything in the store')
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: { db?: string; json?: boolean }) => {
      const [stats, versions] = await withStore(opts, async (store) => [await store.stats(), parseTaxonomyVersions(await store.getMeta(TAXONOMY_VERSIONS_META))] as const, { create: false });
      if (opts.json) return printJson({ ...stats, taxonomyVersions: versions });
      const names = { esco: 'ESCO', onet: 'O*NET', crosswalk: 'ESCO ↔ O*NET crosswalk', sample: 'sample taxonomy' } as const;
      for (const v of Object.values(versions)) process.stdout.write(`${names[v.source]} ${v.version || '(version unknown)'}  imported ${v.importedAt.slice(0, 10)}\n`);
      const width = Math.max(...Object.values(LABELS).map((l) => l.length));
      for (const [key, label] of Object.entries(LABELS)) {
        process.stdout.write(`${label.padEnd(width)}  ${formatCount(stats[key as keyof StoreStats]).padStart(9)}\n`);
      }
    });
}
