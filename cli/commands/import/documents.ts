import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { createModelLinker, type ModelLinker } from '../../../api/linking.ts';
import { withTextLinksMany } from '../../../api/services/posting-links.ts';
import { ingestDocument } from '../../../engine/ingest/ingest.ts';
import { credentialsForStore } from '../../../engine/ingest/to-records.ts';
import type { CredentialEntry, IngestResult } from '../../../engine/ingest/types.ts';
import { SkillGraph } from '../../../taxonomy/model/skill-graph.ts';
import type { Skill, SkillLink } from '../../../taxonomy/model/types.ts';
import type { GraphStore } from '../../../taxonomy/stores/graph-store.ts';
import { printJson } from '../../lib/print-json.ts';
import { UsageError } from '../../lib/usage-error.ts';
import { withStore } from '../../lib/with-store.ts';

interface DocumentImportOptions {
  readonly db?: string;
  readonly json?: boolean;
  /** Link catalogue skill tags and posting text with the embedding model (else exact labels only). */
  readonly link?: boolean;
}

async function parseFile(file: string): Promise<IngestResult> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
  });
  try {
    return ingestDocument(text, extname(file).toLowerCase() === '.csv' ? { format: 'catalogue' } : { now: new Date().toISOString() });
  } catch (err) {
    const e = err as Error & { code?: string };
    throw Object.assign(new Error(`${file}: ${e.message}`), { code: e.code ?? 'INVALID_DOCUMENT' });
  }
}

/** Skill links for catalogue tags: exact (normalised) label matches, else the linker's best link (all such tags linked in one batch). */
async function tagLinks(entries: readonly CredentialEntry[], graph: SkillGraph, linker: ModelLinker | null, framework: readonly Skill[] = []): Promise<Map<string, SkillLink[]>> {
  const unmatched = linker ? [...new Set(entries.flatMap((e) => e.skillTags.filter((tag) => graph.findSkillsByLabel(tag).length === 0)))] : [];
  const linked = linker && unmatched.length > 0 ? await linker.linkMany(unmatched) : [];
  const bestOf = new Map(unmatched.map((tag, i) => [tag, linked[i]![0]]));
  const out = new Map<string, SkillLink[]>();
  for (const e of entries) {
    const links: SkillLink[] = [];
    for (const tag of e.skillTags) {
      const source = `skills: ${tag}`;
      const exact = graph.findSkillsByLabel(tag);
      if (exact.length > 0) {
        for (const skillId of exact) links.push({ skillId, confidence: 0.9, provenance: { kind: 'catalogue', source, span: null } });
      } else {
        const best = bestOf.get(tag);
        if (best) links.push({ skillId: best.skillId, confidence: best.confidence, provenance: { kind: 'catalogue', source, span: null } });
      }
    }
    out.set(e.credential.id, links);
  }
  // With --link, each credential's name and description are linked as text too (issue 16).
  if (linker && entries.length > 0) {
    const fromText = await linker.linkMany(entries.map((e) => `${e.credential.name}\n${e.credential.description}`));
    entries.forEach((e, i) => out.set(e.credential.id, [...(out.get(e.credential.id) ?? []), ...fromText[i]!]));
  }
  // With --link, a framework skill (CASE, CTDL, custom alignment) is mapped to the taxonomy skill the linker finds
  // best for its name and description, with the linker's confidence (the framework link itself stays).
  if (linker && framework.length > 0) {
    const best = await linker.linkMany(framework.map((s) => `${s.preferredLabel}\n${s.description}`));
    const mapped = new Map(framework.flatMap((s, i) => {
      // The framework skills are in the taxonomy now: map to the best skill of the taxonomy proper (ESCO / O*NET).
      const top = best[i]!.find((l) => graph.skill(l.skillId)?.source !== 'custom');
      return top ? [[s.id, { skillId: top.skillId, confidence: top.confidence, provenance: { kind: 'alignment' as const, source: `mapped from ${s.id}`, span: null } }] as const] : [];
    }));
    for (const e of entries) {
      const extra = e.credential.skills.flatMap((l) => (mapped.has(l.skillId) ? [mapped.get(l.skillId)!] : []));
      if (extra.length > 0) out.set(e.credential.id, [...(out.get(e.credential.id) ?? []), ...extra]);
    }
  }
  return out;
}

async function withLinker<T>(store: GraphStore, graph: SkillGraph, on: boolean | undefined, fn: (l: ModelLinker | null) => Promise<T>): Promise<T> {
  if (!on) return fn(null);
  const skills = [...graph.skills()];
  const linker = await createModelLinker(store, skills, { occupationSkills: skills.flatMap((s) => graph.skillOccupations(s.id)) });
  try {
    return await fn(linker);
  } finally {
    await linker.dispose();
  }
}

function common(cmd: Command): Command {
  return cmd
    .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--link', 'link catalogue tags / posting text with the embedding model (else exact label matches only)')
    .option('--json', 'print the import report as JSON');
}

/** `skillgraph import credentials|postings <file>`: standards documents into the store, one transaction. */
export function register(parent: Command): void {
  common(parent.command('credentials <file>').description('import credential definitions: Open Badges 2.0/3.0, CLR 2.0, CTDL (JSON-LD) or a course catalogue CSV')).action(
    async (file: string, opts: DocumentImportOptions) => {
      const result = await parseFile(file);
      if (result.format === 'jobposting' || result.format === 'text') throw new UsageError(`${file} holds ${result.format === 'text' ? 'plain text' : 'job postings'}, not credentials (try: import postings)`);
      const report = await withStore(opts, async (store) => {
        // Skills of other frameworks (CASE, CTDL, custom alignments) are kept as framework skills (issue 16).
        const framework = 'customSkills' in result ? result.customSkills : [];
        if (framework.length > 0) await store.importTaxonomy({ skills: framework, groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] }, { mode: 'merge' });
        const graph = SkillGraph.fromData(await store.loadTaxonomy());
        const stored = new Set((await store.listCredentials()).map((c) => c.id));
        const tags = await withLinker(store, graph, opts.link, (linker) => tagLinks(result.credentials, graph, linker, framework));
        const prepared = credentialsForStore(result.credentials, (id) => graph.skill(id) !== undefined, (id) => stored.has(id), (e) => tags.get(e.credential.id) ?? []);
        await store.putRecords({ credentials: prepared.credentials });
        return {
          file,
          format: result.format,
          credentials: prepared.credentials.length,
          skillLinks: prepared.credentials.reduce((n, c) => n + c.skills.length, 0),
          droppedLinks: prepared.droppedLinks,
          droppedReferences: prepared.droppedReferences,
          frameworkSkills: framework.length,
          warnings: result.warnings.length,
        };
      });
      if (opts.json) printJson(report);
      else process.stdout.write(`imported ${report.credentials} credentials (${report.format}) with ${report.skillLinks} skill links; dropped ${report.droppedLinks} links to skills not in the taxonomy and ${report.droppedReferences} references to unknown credentials\n`);
    },
  );
  common(parent.command('postings <file>').description('import schema.org JobPosting JSON-LD (one, an array or a @graph)')).action(async (file: string, opts: DocumentImportOptions) => {
    const result = await parseFile(file);
    if (result.format !== 'jobposting') throw new UsageError(`${file} holds ${result.format}, not job postings (try: import credentials)`);
    const report = await withStore(opts, async (store) => {
      const graph = SkillGraph.fromData(await store.loadTaxonomy());
      const toLink = result.postings.map((p) => ({
        posting: { ...p.posting, occupationId: p.posting.occupationId && graph.occupation(p.posting.occupationId) ? p.posting.occupationId : null },
        explicit: p.posting.skills.filter((l) => graph.skill(l.skillId)),
      }));
      const postings = await withLinker(store, graph, opts.link, (linker) => withTextLinksMany(toLink, linker));
      await store.putRecords({ postings });
      return { file, postings: postings.length, skillLinks: postings.reduce((n, p) => n + p.skills.length, 0), refused: result.refused, warnings: result.warnings };
    });
    if (opts.json) printJson(report);
    else {
      process.stdout.write(`imported ${report.postings} job postings with ${report.skillLinks} skill links; refused ${report.refused.length}; ${report.warnings.length} warning(s)\n`);
      for (const r of report.refused) process.stdout.write(`  refused ${r.path}: ${r.code}: ${r.message}\n`);
      for (const w of report.warnings.slice(0, 20)) process.stdout.write(`  warning ${w.path || '(document)'}: ${w.code}: ${w.message}\n`);
    }
  });
}
