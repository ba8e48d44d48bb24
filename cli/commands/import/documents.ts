import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import type { Command } from 'commander';
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
import { progressBar, type ProgressBar } from '../../lib/progress-bar.ts';
import { resolvePendingReferences, unresolvedReferences, type PendingReferences } from '../../../engine/ingest/pending-references.ts';

/** Meta key: credential references to credentials not imported yet (restored when they are). */
const PENDING_REFERENCES_META = 'import.pendingCredentialReferences';

/** Texts linked per linker call, so the bar moves while a large file links. */
const LINK_CHUNK = 32;

/** A linker whose linkMany reports progress (phase 'link texts'), in chunks of LINK_CHUNK texts. */
function withLinkProgress(linker: ModelLinker, bar: ProgressBar): ModelLinker {
  return {
    ...linker,
    async linkMany(texts) {
      const out: Awaited<ReturnType<ModelLinker['linkMany']>>[number][] = [];
      bar.update('link texts', 0, texts.length);
      for (let i = 0; i < texts.length; i += LINK_CHUNK) {
        out.push(...(await linker.linkMany(texts.slice(i, i + LINK_CHUNK))));
        bar.update('link texts', Math.min(texts.length, i + LINK_CHUNK), texts.length);
      }
      return out;
    },
  };
}

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

/** The model linker when `on` (nothing to link: not even loaded), with a progress bar for embedding the skill labels and linking. */
async function withLinker<T>(store: GraphStore, graph: SkillGraph, on: boolean | undefined, bar: ProgressBar, fn: (l: ModelLinker | null) => Promise<T>): Promise<T> {
  if (!on) return fn(null);
  const skills = [...graph.skills()];
  const linker = await createModelLinker(store, skills, {
    occupationSkills: skills.flatMap((s) => graph.skillOccupations(s.id)),
    onProgress: (done, total) => bar.update('embed skill labels', done, total),
  });
  try {
    return await fn(withLinkProgress(linker, bar));
  } finally {
    bar.stop();
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
      const bar = progressBar(opts);
      const report = await withStore(opts, async (store) => {
        const graph = SkillGraph.fromData(await store.loadTaxonomy());
        const storedList = await store.listCredentials();
        const stored = new Map(storedList.map((c) => [c.id, c]));
        // only catalogue tags without an exact label match reach the linker (alignments name their skills)
        const needsLinker = opts.link === true && result.credentials.some((e) => e.skillTags.some((t) => graph.findSkillsByLabel(t).length === 0));
        const tags = await withLinker(store, graph, needsLinker, bar, (linker) => tagLinks(result.credentials, graph, linker));
        const prepared = credentialsForStore(result.credentials, (id) => graph.skill(id) !== undefined, (id) => stored.has(id), (e) => tags.get(e.credential.id) ?? []);
        // references into files imported later stay pending, and earlier pending ones are restored now
        const inBatch = new Set(result.credentials.map((e) => e.credential.id));
        const known = (id: string): boolean => inBatch.has(id) || stored.has(id);
        const incoming = unresolvedReferences(result.credentials.map((e) => e.credential), known);
        const before = JSON.parse((await store.getMeta(PENDING_REFERENCES_META)) ?? '{}') as PendingReferences;
        const resolved = resolvePendingReferences(before, known, incoming, inBatch, (id) => stored.get(id));
        await store.putRecords({ credentials: [...prepared.credentials, ...resolved.updates] });
        await store.setMeta(PENDING_REFERENCES_META, JSON.stringify(resolved.pending));
        const pendingCount = Object.values(resolved.pending).reduce((n, r) => n + r.requires.length + r.isPartOf.length, 0);
        return {
          file,
          format: result.format,
          credentials: prepared.credentials.length,
          skillLinks: prepared.credentials.reduce((n, c) => n + c.skills.length, 0),
          droppedLinks: prepared.droppedLinks,
          pendingReferences: prepared.droppedReferences,
          restoredReferences: resolved.updates.length,
          pendingInStore: pendingCount,
          warnings: result.warnings.length,
        };
      });
      bar.stop();
      if (opts.json) printJson(report);
      else {
        process.stdout.write(
          `imported ${report.credentials} credentials (${report.format}) with ${report.skillLinks} skill links; dropped ${report.droppedLinks} links to skills not in the taxonomy; ` +
            `${report.pendingReferences} references to credentials not imported yet kept pending (restored when they are imported); ${report.restoredReferences} earlier credentials got their references back\n`,
        );
      }
    },
  );
  common(parent.command('postings <file>').description('import schema.org JobPosting JSON-LD (one, an array or a @graph)')).action(async (file: string, opts: DocumentImportOptions) => {
    const result = await parseFile(file);
    if (result.format !== 'jobposting') throw new UsageError(`${file} holds ${result.format}, not job postings (try: import credentials)`);
    const bar = progressBar(opts);
    const report = await withStore(opts, async (store) => {
      const graph = SkillGraph.fromData(await store.loadTaxonomy());
      const toLink = result.postings.map((p) => ({
        posting: { ...p.posting, occupationId: p.posting.occupationId && graph.occupation(p.posting.occupationId) ? p.posting.occupationId : null },
        explicit: p.posting.skills.filter((l) => graph.skill(l.skillId)),
      }));
      // text is linked only for postings whose own skill list names no known skill
      const needText = toLink.filter((t) => t.explicit.length === 0);
      const linked = await withLinker(store, graph, opts.link === true && needText.length > 0, bar, (linker) => withTextLinksMany(needText, linker));
      const byId = new Map(linked.map((p) => [p.id, p]));
      const postings = toLink.map((t) => byId.get(t.posting.id) ?? { ...t.posting, skills: [...t.explicit] });
      await store.putRecords({ postings });
      return { file, postings: postings.length, linkedFromText: opts.link ? needText.length : 0, skillLinks: postings.reduce((n, p) => n + p.skills.length, 0) };
    });
    bar.stop();
    if (opts.json) printJson(report);
    else process.stdout.write(`imported ${report.postings} job postings with ${report.skillLinks} skill links (${report.linkedFromText} linked from their text; the others name their skills)\n`);
  });
}
