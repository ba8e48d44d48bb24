import type { Candidate, RecordsBatch } from '../taxonomy/model/types.ts';
import type { ChangeEntry, ChangeFeed, RecordIds } from '../taxonomy/stores/change-feed.ts';
import type { RecordSet } from './records.ts';

/** What applying a change needs of the read model (the Workspace gives it). */
export interface ChangeTarget {
  readonly records: RecordSet;
  /** Re-reads the stored API keys (creations and revocations by other processes). */
  reloadKeys(): Promise<void>;
  /** These candidates' profiles and ranking entries are stale (cached results too). */
  invalidateCandidates(ids: Iterable<string>): void;
  /** Cached results (rank pages, gaps …) are stale. */
  clearResults(): void;
  /** Links the free-text experience of these candidates (no-op without a linker). */
  relinkExperience(candidates: readonly Candidate[]): Promise<void>;
}

const KINDS = ['credentials', 'candidates', 'postings', 'roles', 'awards'] as const;

/** Ids named by the entry that the store no longer holds (deleted, or deleted since). */
function missing(named: RecordIds, found: RecordsBatch): RecordIds {
  const out: { -readonly [K in keyof RecordsBatch]?: string[] } = {};
  for (const key of KINDS) {
    const have = new Set((found[key] ?? []).map((r) => r.id));
    const gone = (named[key] ?? []).filter((id) => !have.has(id));
    if (gone.length > 0) out[key] = gone;
  }
  return out;
}

/**
 * Applies one `put` / `delete` / `meta` change-feed entry to a process's read model incrementally: the
 * named records are re-read from the store (so the result is the store's current state whatever the
 * order of arrival, and applying twice is harmless), ids the store no longer has are removed, and only
 * the candidates whose profile depends on a change are invalidated — the ranking index then takes
 * them as an incremental change (`withChanges`) at the next rank; gap analytics recompute from the
 * cached profiles. A changed credential invalidates the candidates holding it.
 */
export async function applyChange(feed: ChangeFeed, target: ChangeTarget, entry: ChangeEntry): Promise<void> {
  if (entry.kind === 'meta') {
    if (entry.key === 'api-keys') await target.reloadKeys();
    return;
  }
  if (entry.kind !== 'put' && entry.kind !== 'delete') return;
  const found = await feed.getRecords(entry.ids);
  const gone = missing(entry.ids, found);
  const { records } = target;
  const stale = new Set<string>();

  const changedCredentials = new Set([...(found.credentials ?? []).map((c) => c.id), ...(gone.credentials ?? [])]);
  const holders = (): void => {
    if (changedCredentials.size === 0) return;
    for (const a of records.awards.values()) if (changedCredentials.has(a.credentialId)) stale.add(a.candidateId);
  };
  for (const id of gone.awards ?? []) {
    const old = records.awards.get(id);
    if (old) stale.add(old.candidateId);
  }
  for (const a of found.awards ?? []) {
    const old = records.awards.get(a.id);
    if (old) stale.add(old.candidateId);
    stale.add(a.candidateId);
  }
  holders(); // holders before the change (a deleted credential's awards go with it)

  const relink: Candidate[] = [];
  for (const c of found.candidates ?? []) {
    const old = records.candidates.get(c.id);
    if (!old || old.experience !== c.experience) relink.push(c);
    stale.add(c.id);
  }
  for (const id of gone.candidates ?? []) stale.add(id);

  records.remove(gone); // (a gone candidate's or credential's awards go with it, as in the store)
  for (const c of found.credentials ?? []) records.putCredential(c);
  for (const c of found.candidates ?? []) records.putCandidate(c);
  for (const p of found.postings ?? []) records.putPosting(p);
  for (const r of found.roles ?? []) records.putRole(r);
  if ((found.awards ?? []).length > 0) records.putAwards(found.awards ?? []);
  holders(); // and after it (new awards of a changed credential)

  if (relink.length > 0) await target.relinkExperience(relink);
  target.invalidateCandidates(stale);
  target.clearResults();
}
