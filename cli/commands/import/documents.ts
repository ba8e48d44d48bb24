import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
import { progressBar } from '../../lib/progress-bar.ts';
import { createModelLinker, type ModelLinker } from '../../../api/linking.ts';
import { withTextLinksMany } from '../../../api/services/posting-links.ts';
import { ingestDocument } from '../../../engine/ingest/ingest.ts';
import { credentialsForStore } from '../../../engine/ingest/to-records.ts';
import type { CredentialEntry, IngestResult } from '../../../engine/ingest/types.ts';
import { SkillGraph } from '../../../taxonomy/model/skill-graph.ts';
import type { SkillLink } from '../../../taxonomy/model/types.ts';
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
    return ingestDocument(text, extname(file).toLowerCase() === '.csv' ? { format: 'catalogue' } : {});
  } catch (err) {
    const e = err as Error & { code?: string };
    throw Object.assign(new Error(`${file}: ${e.message}`), { code: e.code ?? 'INVALID_DOCUMENT' });
  }
}

/** Skill links for catalogue tags: exact (normalised) label matches, else the linker's best link (all such tags linked in one batch). */
async function tagLinks(entries: readonly CredentialEntry[], graph: SkillGraph, linker: ModelLinker | null): Promise<Map<string, SkillLink[]>> {
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
  return out;
}

async function withLinker<T>(store: GraphStore, graph: SkillGraph, on: boolean | undefined, fn: (l: ModelLinker | null) => Promise<T>): Promise<T> {
  if (!on) return fn(null);
  const skills = [...graph.skills()];
  // A fresh store embeds every skill label once (minutes): say so, with a bar on a terminal, one line otherwise.
  const bar = progressBar({});
  let told = false;
  const onProgress = (done: number, total: number) => {
    if (!told && done < total && !process.stderr.isTTY) process.stderr.write(`building the skill label index: embedding ${total} labels once (cached for later runs)...\n`);
    told = true;
    bar.update('embed skill labels (one-off)', done, total);
  };
  const linker = await createModelLinker(store, skills, { occupationSkills: skills.flatMap((s) => graph.skillOccupations(s.id)), onProgress }).finally(() => bar.stop());
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
        const graph = SkillGraph.fromData(await store.loadTaxonomy());
        const stored = new Set((await store.listCredentials()).map((c) => c.id));
        const tags = await withLinker(store, graph, opts.link, (linker) => tagLinks(result.credentials, graph, linker));
        const prepared = credentialsForStore(result.credentials, (id) => graph.skill(id) !== undefined, (id) => stored.has(id), (e) => tags.get(e.credential.id) ?? []);
        await store.putRecords({ credentials: prepared.credentials });
        return {
          file,
          format: result.format,
          credentials: prepared.credentials.length,
          skillLinks: prepared.credentials.reduce((n, c) => n + c.skills.length, 0),
          droppedLinks: prepared.droppedLinks,
          droppedReferences: prepared.droppedReferences,
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
      return { file, postings: postings.length, skillLinks: postings.reduce((n, p) => n + p.skills.length, 0) };
    });
    if (opts.json) printJson(report);
    else process.stdout.write(`imported ${report.postings} job postings with ${report.skillLinks} skill links\n`);
  });
}
