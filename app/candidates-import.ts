/**
 * Use-case: candidates in bulk (`skillgraph import candidates`, GraphQL `importCandidates`).
 * Reads JSON Resume, a candidates CSV or a wallet's Verifiable Presentation (engine/ingest), resolves
 * self-claimed skill names against the taxonomy (exact labels or ids; with `link`, the linker's best
 * match for the rest), links work and education text with the linker when asked, verifies wallet
 * credentials, and writes every good record in ONE store transaction. Records are keyed by id, so
 * re-importing a file updates the same candidates and awards. A bad record is reported with its
 * position and reason and the others still land; a file that cannot be read at all changes nothing.
 */
import type { CandidateBatch, CandidateRecord, RecordError, WalletBatch } from '../engine/ingest/candidate-records.ts';
import { parseCandidatesDocument, type CandidateFormat } from '../engine/ingest/candidates-document.ts';
import { IngestError, IngestErrorCode } from '../engine/ingest/errors.ts';
import { holderRecord } from '../engine/ingest/wallet-presentation.ts';
import type { CredentialVerifier } from '../engine/verify/verifier.ts';
import type { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Award, Candidate, Credential, SkillLink } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';

/** What the use-case needs of the linking pipeline: `linkMany` over texts, links per text in input order. */
export interface CandidateLinker {
  linkMany(texts: readonly string[]): Promise<readonly (readonly SkillLink[])[]>;
}

export interface ImportCandidatesDeps {
  readonly store: GraphStore;
  readonly graph: SkillGraph;
  readonly linker: CandidateLinker | null;
  readonly verifier: CredentialVerifier | null;
  readonly now: Date;
  /** Progress of long phases (a new phase restarts the count). */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

export interface ImportCandidatesRequest {
  /** File text, or an already-parsed JSON value. */
  readonly document: unknown;
  readonly format?: CandidateFormat | 'auto';
  /** Wallet: the candidate the awards belong to (default: the presentation's holder). */
  readonly candidateId?: string | null;
  /** Organisations every imported candidate shares their profile with (added to what is stored). */
  readonly sharedWith?: readonly string[];
  /**
   * An employer's import: every record is shared with this organisation, and a stored candidate who
   * has not shared their profile with it is refused (per record) rather than overwritten.
   */
  readonly organisationId?: string | null;
  /** Link work/education text and unmatched skill names with the linker (else exact labels only). */
  readonly link?: boolean;
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

export interface ImportCandidatesResult {
  readonly report: ImportCandidatesReport;
  /** What was written, for a caller that keeps a read model in memory. */
  readonly written: { readonly candidates: readonly Candidate[]; readonly awards: readonly Award[]; readonly credentials: readonly Credential[] };
}

const CHUNK = 32;

function merged(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

/** Self-claimed names → claims: a skill id or an exact label first; with a linker, its best link for the rest. */
async function claimsFor(records: readonly CandidateRecord[], graph: SkillGraph, linker: CandidateLinker | null): Promise<{ claims: Map<string, SkillLink[]>; unmatched: number }> {
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

async function linkTexts(records: readonly CandidateRecord[], linker: CandidateLinker, progress: ImportCandidatesDeps['onProgress']): Promise<Map<string, SkillLink[]>> {
  const withText = records.filter((r) => r.candidate.experience.trim() !== '');
  const out = new Map<string, SkillLink[]>();
  for (let i = 0; i < withText.length; i += CHUNK) {
    const chunk = withText.slice(i, i + CHUNK);
    const links = await linker.linkMany(chunk.map((r) => r.candidate.experience));
    chunk.forEach((r, j) => out.set(r.candidate.id, links[j]!.map((l) => ({ skillId: l.skillId, confidence: l.confidence, provenance: l.provenance }))));
    progress?.('link work and education text', i + chunk.length, withText.length);
  }
  return out;
}

function scopeError(index: number, id: string): RecordError {
  return { index, id, code: 'FORBIDDEN', path: 'id', message: `candidate ${id} exists and has not shared their profile with your organisation` };
}

async function importPeople(batch: CandidateBatch, req: ImportCandidatesRequest, deps: ImportCandidatesDeps): Promise<ImportCandidatesResult> {
  const stored = new Map((await deps.store.listCandidates()).map((c) => [c.id, c] as const));
  const org = req.organisationId ?? null;
  const errors: RecordError[] = [...batch.errors];
  const records = batch.records.filter((r, i) => {
    const old = stored.get(r.candidate.id);
    if (org && old && !old.sharedWith.includes(org)) {
      errors.push(scopeError(i, r.candidate.id));
      return false;
    }
    return true;
  });
  deps.onProgress?.('resolve skill names', 0, records.length);
  const { claims, unmatched } = await claimsFor(records, deps.graph, req.link ? deps.linker : null);
  const texts = req.link && deps.linker ? await linkTexts(records, deps.linker, deps.onProgress) : new Map<string, SkillLink[]>();
  const candidates: Candidate[] = records.map((r) => {
    const old = stored.get(r.candidate.id);
    const claimed = claims.get(r.candidate.id) ?? [];
    const seen = new Set(claimed.map((l) => l.skillId));
    const fromText = (texts.get(r.candidate.id) ?? []).filter((l) => !seen.has(l.skillId) && (seen.add(l.skillId), true));
    return {
      ...r.candidate,
      sharedWith: merged(merged(old?.sharedWith ?? [], r.candidate.sharedWith), [...(req.sharedWith ?? []), ...(org ? [org] : [])]),
      claimedSkills: [...claimed, ...fromText],
    };
  });
  deps.onProgress?.('write', 0, candidates.length);
  await deps.store.putRecords({ candidates });
  deps.onProgress?.('write', candidates.length, candidates.length);
  const created = candidates.filter((c) => !stored.has(c.id)).length;
  return {
    report: {
      format: batch.format,
      created,
      updated: candidates.length - created,
      candidateIds: candidates.map((c) => c.id),
      awards: 0,
      claimedSkills: [...claims.values()].reduce((n, l) => n + l.length, 0),
      unmatchedSkillNames: unmatched,
      textSkills: [...texts.values()].reduce((n, l) => n + l.length, 0),
      errors: errors.sort((a, b) => a.index - b.index),
      warnings: batch.warnings,
    },
    written: { candidates, awards: [], credentials: [] },
  };
}

async function importWallet(batch: WalletBatch, req: ImportCandidatesRequest, deps: ImportCandidatesDeps): Promise<ImportCandidatesResult> {
  const candidateId = req.candidateId ?? batch.holder;
  if (!candidateId) throw new IngestError(IngestErrorCode.MissingField, 'the presentation names no holder: give the candidate id the awards belong to', { path: 'holder' });
  const [candidates, credentials] = await Promise.all([deps.store.listCandidates(), deps.store.listCredentials()]);
  const old = candidates.find((c) => c.id === candidateId);
  const org = req.organisationId ?? null;
  if (org && old && !old.sharedWith.includes(org)) throw Object.assign(new IngestError(IngestErrorCode.InvalidId, scopeError(-1, candidateId).message, { path: 'holder' }), { code: 'FORBIDDEN' });
  const storedCredentials = new Map(credentials.map((c) => [c.id, c] as const));
  const errors: RecordError[] = [...batch.errors];
  const awards: Award[] = [];
  const newCredentials = new Map<string, Credential>();
  let done = 0;
  for (const { index, award, credential: entry } of batch.awards) {
    const verification = deps.verifier ? await deps.verifier.verify(award.raw, { now: deps.now }) : { status: 'unverifiable' as const, reason: 'no verifier configured' };
    deps.onProgress?.('verify credentials', ++done, batch.awards.length);
    if (verification.status === 'invalid' || verification.status === 'expired') {
      errors.push({ index, id: award.award.id, code: 'VERIFICATION_FAILED', path: `verifiableCredential[${index}]`, message: `${verification.status}: ${verification.reason}` });
      continue;
    }
    const id = entry.credential.id;
    if (!storedCredentials.has(id) && !newCredentials.has(id)) {
      newCredentials.set(id, { ...entry.credential, skills: entry.credential.skills.filter((l) => deps.graph.skill(l.skillId)), requires: [], isPartOf: [] });
    }
    awards.push({ ...award.award, candidateId, credentialId: id, verification: verification.status });
  }
  const base = old ?? holderRecord(candidateId, batch.holderName).candidate;
  const candidate: Candidate = { ...base, sharedWith: merged(base.sharedWith, [...(req.sharedWith ?? []), ...(org ? [org] : [])]) };
  const writeCandidate = !old || candidate.sharedWith.length !== old.sharedWith.length;
  await deps.store.putRecords({ candidates: writeCandidate ? [candidate] : [], credentials: [...newCredentials.values()], awards });
  return {
    report: {
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
    },
    written: { candidates: writeCandidate ? [candidate] : [], awards, credentials: [...newCredentials.values()] },
  };
}

/** Imports candidates (or a wallet's awards) from one document; see the file comment. */
export async function importCandidates(req: ImportCandidatesRequest, deps: ImportCandidatesDeps): Promise<ImportCandidatesResult> {
  const batch = parseCandidatesDocument(req.document, req.format ?? 'auto', deps.now.toISOString());
  return batch.format === 'wallet' ? importWallet(batch, req, deps) : importPeople(batch, req, deps);
}
