import type { Award, Candidate, Credential, JobPosting, Role } from '../taxonomy/model/types.ts';
import { isEvidenceCredential } from './ownership.ts';

function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  return new Map([...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => [x.id, x]));
}

/** The records of the store held in memory for reads (the workspace's records beside the SkillGraph). */
export class RecordSet {
  /** The public catalogue (no candidate's private evidence: app/ownership.ts). */
  readonly credentials: Map<string, Credential>;
  /** Catalogue and candidates' private evidence credentials: what awards point to (profiles). */
  readonly heldCredentials: Map<string, Credential>;
  readonly candidates: Map<string, Candidate>;
  readonly postings: Map<string, JobPosting>;
  readonly roles: Map<string, Role>;
  readonly awards: Map<string, Award>;
  private awardsOf = new Map<string, Award[]>();

  constructor(data: { credentials: Credential[]; candidates: Candidate[]; postings: JobPosting[]; roles: Role[]; awards: Award[] }) {
    this.heldCredentials = byId(data.credentials);
    this.credentials = new Map([...this.heldCredentials].filter(([id]) => !isEvidenceCredential(id)));
    this.candidates = byId(data.candidates);
    this.postings = byId(data.postings);
    this.roles = byId(data.roles);
    this.awards = byId(data.awards);
    this.reindexAwards();
  }

  awardsOfCandidate(candidateId: string): readonly Award[] {
    return this.awardsOf.get(candidateId) ?? [];
  }

  putCredential(c: Credential): void {
    this.heldCredentials.set(c.id, c);
    if (!isEvidenceCredential(c.id)) this.credentials.set(c.id, c);
  }

  putCandidate(c: Candidate): void {
    this.candidates.set(c.id, c);
  }

  putPosting(p: JobPosting): void {
    this.postings.set(p.id, p);
  }

  putRole(r: Role): void {
    this.roles.set(r.id, r);
  }

  putAward(a: Award): void {
    const before = this.awards.get(a.id);
    this.awards.set(a.id, a);
    if (before) {
      const list = this.awardsOf.get(before.candidateId) ?? [];
      list.splice(list.indexOf(before), 1);
    }
    const list = this.awardsOf.get(a.candidateId);
    if (list) list.push(a);
    else this.awardsOf.set(a.candidateId, [a]);
    if (list && list.length > 1) list.sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
  }

  /**
   * Deletes records by id as a store does (a candidate's or credential's awards go with it); returns
   * the candidates whose data changed.
   */
  remove(ids: { readonly credentials?: readonly string[]; readonly candidates?: readonly string[]; readonly postings?: readonly string[]; readonly roles?: readonly string[]; readonly awards?: readonly string[] }): Set<string> {
    const touched = new Set<string>();
    const gone = { candidates: new Set(ids.candidates ?? []), credentials: new Set(ids.credentials ?? []), awards: new Set(ids.awards ?? []) };
    for (const a of this.awards.values()) {
      if (gone.awards.has(a.id) || gone.candidates.has(a.candidateId) || gone.credentials.has(a.credentialId)) {
        this.awards.delete(a.id);
        touched.add(a.candidateId);
      }
    }
    for (const id of gone.candidates) if (this.candidates.delete(id)) touched.add(id);
    for (const id of gone.credentials) {
      this.credentials.delete(id);
      this.heldCredentials.delete(id);
    }
    for (const id of ids.postings ?? []) this.postings.delete(id);
    for (const id of ids.roles ?? []) this.roles.delete(id);
    this.reindexAwards();
    return touched;
  }

  /** Awards in bulk (one re-index for the lot, where putAward re-indexes per award). */
  putAwards(awards: readonly Award[]): void {
    for (const a of awards) this.awards.set(a.id, a);
    this.reindexAwards();
  }

  private reindexAwards(): void {
    this.awardsOf = new Map();
    for (const a of this.awards.values()) {
      const list = this.awardsOf.get(a.candidateId);
      if (list) list.push(a);
      else this.awardsOf.set(a.candidateId, [a]);
    }
  }
}
