import type { Command } from 'commander';
import { awardAsOb3Credential, credentialAsAchievement, credentialAsCtdl, roleAsCtdl } from '../../engine/export/index.ts';
import type { Skill } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withStore } from '../lib/with-store.ts';

interface ExportOptions {
  readonly as: string;
  readonly db?: string;
}

async function skillLookup(store: GraphStore): Promise<(id: string) => Skill | undefined> {
  const skills = new Map((await store.loadTaxonomy()).skills.map((s) => [s.id, s]));
  return (id) => skills.get(id);
}

/**
 * `skillgraph export credential|award|role <id> --as ob3|ctdl`: records as standards documents (JSON on stdout):
 * a credential as an OB 3.0 Achievement (skills as alignment[] with ESCO URIs) or CTDL; an award as an
 * unsigned OpenBadgeCredential; a role's requirement profile as a CTDL ceterms:Job. For CTDL, the minimum-data
 * properties skillgraph cannot fill are listed on stderr.
 */
export function register(program: Command): void {
  const exp = program.command('export').description('export records as Open Badges 3.0 or CTDL JSON-LD');
  exp
    .command('credential <id>')
    .description('a credential as an OB 3.0 Achievement (--as ob3) or CTDL (--as ctdl)')
    .option('--as <format>', 'ob3 | ctdl', 'ob3')
    .option('--db <file>', 'database file')
    .action(async (id: string, opts: ExportOptions) => {
      if (opts.as !== 'ob3' && opts.as !== 'ctdl') throw new UsageError(`invalid --as: ${opts.as} (expected ob3 or ctdl)`);
      const out = await withStore(opts, async (store) => {
        const credential = await store.getCredential(id);
        if (!credential) throw new UsageError(`unknown credential: ${id}`);
        const skillOf = await skillLookup(store);
        return opts.as === 'ob3' ? { document: credentialAsAchievement(credential, skillOf), missing: [] } : credentialAsCtdl(credential, skillOf);
      }, { create: false });
      if (out.missing.length > 0) process.stderr.write(`skillgraph: CTDL minimum data not known to skillgraph: ${out.missing.join(', ')}\n`);
      printJson(out.document);
    });
  exp
    .command('award <id>')
    .description('an award as an unsigned OB 3.0 OpenBadgeCredential')
    .option('--db <file>', 'database file')
    .action(async (id: string, opts: { db?: string }) => {
      const doc = await withStore(opts, async (store) => {
        const award = (await store.listAwards()).find((a) => a.id === id);
        if (!award) throw new UsageError(`unknown award: ${id}`);
        const credential = await store.getCredential(award.credentialId);
        if (!credential) throw new UsageError(`award ${id} names an unknown credential: ${award.credentialId}`);
        return awardAsOb3Credential(credential, award, await skillLookup(store));
      }, { create: false });
      printJson(doc);
    });
  exp
    .command('role <id>')
    .description("a role's requirement profile as a CTDL ceterms:Job")
    .option('--as <format>', 'ctdl', 'ctdl')
    .option('--db <file>', 'database file')
    .action(async (id: string, opts: ExportOptions) => {
      if (opts.as !== 'ctdl') throw new UsageError(`invalid --as: ${opts.as} (a role exports as ctdl)`);
      const out = await withStore(opts, async (store) => {
        const role = await store.getRole(id);
        if (!role) throw new UsageError(`unknown role: ${id}`);
        return roleAsCtdl(role, await skillLookup(store));
      }, { create: false });
      if (out.missing.length > 0) process.stderr.write(`skillgraph: CTDL minimum data not known to skillgraph: ${out.missing.join(', ')}\n`);
      printJson(out.document);
    });
}
