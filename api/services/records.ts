import type { Award, Candidate, Credential, JobPosting, Role } from '../../taxonomy/model/types.ts';

function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  return new Map([...items].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)).map((x) => [x.id, x]));
}

/** The records of the store held in memory for reads (the read model beside the SkillGraph). */
export class RecordSet {
  readonly credentials: Map<string, Credential>;
  readonly candidates: Map<string, Candidate>;
  readonly postings: Map<string, JobPosting>;
  readonly roles: Map<string, Role>;
  readonly awards: Map<string, Award>;
  private awardsOf = new Map<string, Award[]>();

  constructor(data: { credentials: Credential[]; candidates: Candidate[]; postings: JobPosting[]; roles: Role[]; awards: Award[] }) {
    this.credentials = byId(data.credentials);
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
    this.credentials.set(c.id, c);
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
    this.awards.set(a.id, a);
    this.reindexAwards();
  }

  /** Awards in bulk (one re-index for the lot, where putAward re-indexes per award). */
  putAwards(awards: readonly Award[]): void {
    for (const a of awards) this.awards.set(a.id, a);
    this.reindexAwards();
  }

  /** Removes records by kind and id (what a `delete` change names); awards re-indexed once. */
  delete(ids: { readonly credentials?: readonly string[]; readonly candidates?: readonly string[]; readonly postings?: readonly string[]; readonly roles?: readonly string[]; readonly awards?: readonly string[] }): void {
    for (const id of ids.credentials ?? []) this.credentials.delete(id);
    for (const id of ids.candidates ?? []) this.candidates.delete(id);
    for (const id of ids.postings ?? []) this.postings.delete(id);
    for (const id of ids.roles ?? []) this.roles.delete(id);
    for (const id of ids.awards ?? []) this.awards.delete(id);
    if ((ids.awards ?? []).length > 0) this.reindexAwards();
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
