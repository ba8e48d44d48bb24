/**
 * Use-case: candidates in bulk (`skillgraph import candidates`, GraphQL `importCandidates`).
 * Reads JSON Resume, a candidates CSV or a wallet's Verifiable Presentation (engine/ingest), resolves
 * self-claimed skill names against the taxonomy (exact labels or ids; with `link`, the linker's best
 * match for the rest), links work and education text with the workspace's linker when asked (into
 * `experienceSkills`, as every other candidate write does), verifies wallet credentials, and writes
 * every good record in ONE store transaction, then applies it to the workspace. Records are keyed by
 * id, so re-importing a file updates the same candidates and awards. A bad record is reported with its
 * position and reason and the others still land; a file that cannot be read at all is one
 * InvalidInputError and changes nothing.
 *
 * Access (the caller is an input): an admin imports anything; an employer's records are shared with
 * its organisation and a stored candidate not shared with it is refused per record (a wallet for such
 * a candidate: ForbiddenError); a learner imports only a wallet export for their own candidate.
 */
import type { CandidateBatch, CandidateRecord, RecordError, WalletBatch } from '../engine/ingest/candidate-records.ts';
import { parseCandidatesDocument, type CandidateFormat } from '../engine/ingest/candidates-document.ts';
import { bareMessage, IngestError } from '../engine/ingest/errors.ts';
import { holderRecord } from '../engine/ingest/wallet-presentation.ts';
import type { Award, Candidate, Credential, SkillLink } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { candidatesWithExperienceSkills } from './document-skills.ts';
import { ForbiddenError, InvalidInputError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { TextLinker } from './text-linker.ts';
import type { Workspace } from './workspace.ts';

export interface ImportCandidatesRequest {
  /** File text, or an already-parsed JSON value. */
  readonly document: unknown;
  readonly format?: CandidateFormat | 'auto';
  /** Wallet: the candidate the awards belong to (default: the presentation's holder). */
  readonly candidateId?: string | null;
  /** Organisations every imported candidate shares their profile with (added to what is stored). */
  readonly sharedWith?: readonly string[];
  /** Link work/education text and unmatched skill names with the workspace's linker (else exact labels only). */
  readonly link?: boolean;
}

export interface ImportCandidatesOptions {
  /** Progress of long phases (a new phase restarts the count). */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
  /** Where the document came from, for messages (a file name). */
  readonly source?: string;
}

export interface ImportCandidatesReport {
  readonly format: CandidateFormat;
  readonly created: number;
  readonly updated: number;
  readonly candidateIds: readonly string[];
  readonly awards: number;
  /** Self-claimed skill names resolved to taxonomy skills, and those left unresolved. */
  readonly claimedSkills: number;
  readonly unmatchedSkillNames: number;
  /** Skills linked from work and education text (with `link`). */
  readonly textSkills: number;
  readonly errors: readonly RecordError[];
  readonly warnings: readonly RecordError[];
}

interface Run {
  readonly ws: Workspace;
  readonly req: ImportCandidatesRequest;
  /** An employer's organisation: every record is shared with it; a stored candidate not shared with it is refused. */
  readonly org: string | null;
  readonly linker: TextLinker | null;
  readonly now: Date;
  readonly onProgress: ImportCandidatesOptions['onProgress'];
}

const CHUNK = 32;

function merged(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Self-claimed names → claims: a skill id or an exact label first; with a linker, its best link for the rest. */
async function claimsFor(records: readonly CandidateRecord[], ws: Workspace, linker: TextLinker | null): Promise<{ claims: Map<string, SkillLink[]>; unmatched: number }> {
  const graph = ws.graph;
  const exact = (tag: string): readonly string[] => (graph.skill(tag) ? [tag] : graph.findSkillsByLabel(tag));
  const open = linker ? [...new Set(records.flatMap((r) => r.skillTags.map((t) => t.tag).filter((t) => exact(t).length === 0)))] : [];
  const linked = open.length > 0 && linker ? await linker.linkMany(open) : [];
  const best = new Map(open.map((tag, i) => [tag, linked[i]?.[0]]));
  const claims = new Map<string, SkillLink[]>();
  let unmatched = 0;
  for (const r of records) {
    const out = new Map<string, SkillLink>();
    for (const { tag, source } of r.skillTags) {
      const ids = exact(tag);
      if (ids.length > 0) {
        for (const skillId of ids) if (!out.has(skillId)) out.set(skillId, { skillId, confidence: 1, provenance: { kind: 'claim', source, span: null } });
        continue;
      }
      const b = best.get(tag);
      if (b && !out.has(b.skillId)) out.set(b.skillId, { skillId: b.skillId, confidence: b.confidence, provenance: { kind: 'claim', source: `${source} (matched “${tag}”)`, span: null } });
      else if (!b) unmatched++;
    }
    claims.set(r.candidate.id, [...out.values()]);
  }
  return { claims, unmatched };
}

/** `candidatesWithExperienceSkills` in chunks (for progress); without a linker a changed text is left for start-up linking. */
async function withExperienceSkills(candidates: readonly Candidate[], run: Run): Promise<Candidate[]> {
  if (!run.linker) {
    return candidates.map((c) => {
      const old = run.ws.records.candidates.get(c.id);
      const { experienceSkills: _none, ...rest } = c;
      return old?.experienceSkills !== undefined && old.experience === c.experience ? { ...rest, experienceSkills: old.experienceSkills } : rest;
    });
  }
  const out: Candidate[] = [];
  for (let i = 0; i < candidates.length; i += CHUNK) {
    out.push(...(await candidatesWithExperienceSkills(candidates.slice(i, i + CHUNK), run.linker)));
    run.onProgress?.('link work and education text', Math.min(i + CHUNK, candidates.length), candidates.length);
  }
  return out;
}

function scopeMessage(id: string): string {
  return `candidate ${id} exists and has not shared their profile with your organisation`;
}

async function importPeople(batch: CandidateBatch, run: Run): Promise<ImportCandidatesReport> {
  const { ws, req, org } = run;
  const stored = ws.records.candidates;
  const errors: RecordError[] = [...batch.errors];
  const records = batch.records.filter((r, i) => {
    const old = stored.get(r.candidate.id);
    if (org && old && !old.sharedWith.includes(org)) {
      errors.push({ index: i, id: r.candidate.id, code: 'FORBIDDEN', path: 'id', message: scopeMessage(r.candidate.id) });
      return false;
    }
    return true;
  });
  run.onProgress?.('resolve skill names', 0, records.length);
  const { claims, unmatched } = await claimsFor(records, ws, run.linker);
  const candidates = await withExperienceSkills(
    records.map((r) => {
      const old = stored.get(r.candidate.id);
      return {
        ...r.candidate,
        sharedWith: merged(merged(old?.sharedWith ?? [], r.candidate.sharedWith), [...(req.sharedWith ?? []), ...(org ? [org] : [])]),
        claimedSkills: claims.get(r.candidate.id) ?? [],
      };
    }),
    run,
  );
  const existed = new Set(candidates.filter((c) => stored.has(c.id)).map((c) => c.id));
  run.onProgress?.('write', 0, candidates.length);
  await ws.store.putRecords({ candidates });
  ws.apply({ candidates });
  run.onProgress?.('write', candidates.length, candidates.length);
  const created = candidates.length - existed.size;
  return {
    format: batch.format,
    created,
    updated: candidates.length - created,
    candidateIds: candidates.map((c) => c.id),
    awards: 0,
    claimedSkills: [...claims.values()].reduce((n, l) => n + l.length, 0),
    unmatchedSkillNames: unmatched,
    textSkills: run.linker ? candidates.reduce((n, c) => n + (c.experienceSkills?.length ?? 0), 0) : 0,
    errors: errors.sort((a, b) => a.index - b.index),
    warnings: batch.warnings,
  };
}

async function importWallet(batch: WalletBatch, run: Run): Promise<ImportCandidatesReport> {
  const { ws, req, org } = run;
  const candidateId = req.candidateId ?? batch.holder;
  if (!candidateId) throw new InvalidInputError('the presentation names no holder: give the candidate id the awards belong to', 'document.holder');
  const old = ws.records.candidates.get(candidateId);
  if (org && old && !old.sharedWith.includes(org)) throw new ForbiddenError(scopeMessage(candidateId));
  const errors: RecordError[] = [...batch.errors];
  const awards: Award[] = [];
  const newCredentials = new Map<string, Credential>();
  let done = 0;
  for (const { index, award, credential: entry } of batch.awards) {
    const verification = ws.verifier ? await ws.verifier.verify(award.raw, { now: run.now }) : { status: 'unverifiable' as const, reason: 'no verifier configured' };
    run.onProgress?.('verify credentials', ++done, batch.awards.length);
    if (verification.status === 'invalid' || verification.status === 'expired') {
      errors.push({ index, id: award.award.id, code: 'VERIFICATION_FAILED', path: `verifiableCredential[${index}]`, message: `${verification.status}: ${verification.reason}` });
      continue;
    }
    const id = entry.credential.id;
    if (!ws.records.credentials.has(id) && !newCredentials.has(id)) {
      newCredentials.set(id, { ...entry.credential, skills: entry.credential.skills.filter((l) => ws.graph.skill(l.skillId)), requires: [], isPartOf: [] });
    }
    awards.push({ ...award.award, candidateId, credentialId: id, verification: verification.status });
  }
  const base = old ?? holderRecord(candidateId, batch.holderName).candidate;
  const candidate: Candidate = { ...base, sharedWith: merged(base.sharedWith, [...(req.sharedWith ?? []), ...(org ? [org] : [])]) };
  const writeCandidate = !old || candidate.sharedWith.length !== old.sharedWith.length;
  const written = { candidates: writeCandidate ? [candidate] : [], credentials: [...newCredentials.values()], awards };
  await ws.store.putRecords(written);
  ws.apply(written);
  return {
    format: 'wallet',
    created: old ? 0 : 1,
    updated: old && writeCandidate ? 1 : 0,
    candidateIds: [candidateId],
    awards: awards.length,
    claimedSkills: 0,
    unmatchedSkillNames: 0,
    textSkills: 0,
    errors: errors.sort((a, b) => a.index - b.index),
    warnings: [],
  };
}

/** Imports candidates (or a wallet's awards) from one document as `principal`; see the file comment. */
export async function importCandidates(ws: Workspace, principal: Principal | null, req: ImportCandidatesRequest, now: Date, opts: ImportCandidatesOptions = {}): Promise<ImportCandidatesReport> {
  const p = requireRole(principal, ['admin', 'employer', 'learner'], 'importing candidates');
  if (p.role === 'learner' && (req.format !== 'wallet' || !req.candidateId || req.candidateId !== p.candidateId)) {
    throw new ForbiddenError('a learner key can import only a wallet export (format wallet) for its own candidate id');
  }
  if (p.role === 'employer' && !p.organisationId) throw new ForbiddenError('an employer key without an organisation cannot import candidates');
  let batch: CandidateBatch | WalletBatch;
  try {
    batch = parseCandidatesDocument(req.document, req.format ?? 'auto', now.toISOString());
  } catch (err) {
    if (!(err instanceof IngestError)) throw err;
    const where = err.path ? `document.${err.path}` : 'document';
    throw new InvalidInputError(`${opts.source ? `${opts.source}: ` : ''}${bareMessage(err)}`, where);
  }
  const run: Run = { ws, req, org: p.role === 'employer' ? (p.organisationId ?? '') : null, linker: req.link ? ws.linker : null, now, onProgress: opts.onProgress };
  return batch.format === 'wallet' ? importWallet(batch, run) : importPeople(batch, run);
}
