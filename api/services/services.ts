import { importCandidates, type ImportCandidatesReport, type ImportCandidatesRequest } from '../../app/candidates-import.ts';
import { createGapAnalytics, type GapAnalytics } from '../../engine/analytics/gap-analytics.ts';
import type { GapDimension, GapRow, SkillTrend, TimeWindow, WhatIfResult } from '../../engine/analytics/types.ts';
import { createFitScorer, type FitScorer } from '../../engine/fit/fit-scorer.ts';
import type { FitResult } from '../../engine/fit/types.ts';
import { ingestDocument } from '../../engine/ingest/ingest.ts';
import { credentialsForStore } from '../../engine/ingest/to-records.ts';
import type { CredentialsResult, IngestResult } from '../../engine/ingest/types.ts';
import { createProfileBuilder, type ProfileBuilder } from '../../engine/profile/index.ts';
import type { SkillProfile } from '../../engine/profile/types.ts';
import { createRankingIndex, type RankingIndex, type RankPage } from '../../engine/rank/ranking-index.ts';
import { rankRoles } from '../../engine/rank/rank-roles.ts';
import { createRecommender, type Recommender } from '../../engine/recommend/recommender.ts';
import type { PathwayQuery, PathwayResult, Recommendation } from '../../engine/recommend/types.ts';
import { findOccupation, requirementsFromOccupation } from '../../engine/requirements/from-occupation.ts';
import { requirementsFromPostingAndOccupation, requirementsFromRole } from '../../engine/requirements/role-profile.ts';
import type { RequirementProfile } from '../../engine/requirements/types.ts';
import type { TitleNormalizer } from '../../engine/linking/title-normalizer.ts';
import type { CredentialVerifier } from '../../engine/verify/verifier.ts';
import { inferPostingOccupations } from '../../app/title-normalizer.ts';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Award, Candidate, Credential, JobPosting, Role, SkillLink } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { KeyRing, type ApiKeyRecord, type NewKeySpec } from '../auth/key-ring.ts';
import type { Principal } from '../auth/principal.ts';
import { InvalidInputError, NotFoundError, VerificationFailedError } from '../errors.ts';
import { canSeeCandidate, canSeeRole, organisationScope } from './access.ts';
import type { TextLink, TextLinker } from './linker-port.ts';
import { engineCall } from './engine-errors.ts';
import { withTextLinksMany } from './posting-links.ts';
import { RecordSet } from './records.ts';
import { ResultCache } from './result-cache.ts';

export interface ServicesOptions {
  readonly store: GraphStore;
  /** The linking pipeline; without it `linkText`/`searchSkills` fall back to label lookup. */
  readonly linker?: TextLinker | null;
  /** Verifies awarded credentials on the way in. */
  readonly verifier?: CredentialVerifier | null;
  /** Skills linked from each candidate's free-text experience (by candidate id), from the linker. */
  readonly experienceLinks?: ReadonlyMap<string, readonly SkillLink[]>;
  /** Opens the job-title normaliser on first use (app/title-normalizer.ts); null without the model. */
  readonly titles?: (() => Promise<TitleNormalizer>) | null;
}

export interface CandidateInput {
  readonly id: string;
  readonly name: string;
  readonly location?: string;
  readonly experience?: string;
  readonly sharedWith?: readonly string[];
  readonly claimedSkillIds?: readonly string[];
}

export interface RankCandidatesArgs {
  readonly first: number;
  readonly after?: string | null;
  readonly minScore?: number;
  readonly verifiedOnly?: boolean;
}

const MONTH_MS = 30.44 * 24 * 3600 * 1000;

/**
 * The composition root's services: the store, the SkillGraph read model, the records in memory and
 * the engine components wired together. The API's resolvers call only this; it enforces scoping.
 */
export class Services {
  readonly graph: SkillGraph;
  readonly scorer: FitScorer;
  private readonly profileBuilder: ProfileBuilder;
  private readonly recommender: Recommender;
  private readonly analytics: GapAnalytics;
  private readonly profiles = new Map<string, SkillProfile>();
  private index: RankingIndex | null = null;
  /** Candidates written since the index was built: applied to it (`withChanges`) at the next rank. */
  private readonly dirty = new Set<string>();
  /** Ranking pages and gap reports until the next write (repeated dashboard and API reads are cheap). */
  private readonly results = new ResultCache();

  private constructor(
    readonly store: GraphStore,
    readonly keys: KeyRing,
    graph: SkillGraph,
    readonly records: RecordSet,
    private readonly linker: TextLinker | null,
    private readonly verifier: CredentialVerifier | null,
    private readonly experienceLinks: Map<string, readonly SkillLink[]>,
  ) {
    this.graph = graph;
    this.scorer = createFitScorer({ graph });
    this.profileBuilder = createProfileBuilder();
    this.recommender = createRecommender(this.scorer);
    this.analytics = createGapAnalytics(this.scorer);
  }

  static async create(options: ServicesOptions): Promise<Services> {
    const { store } = options;
    const [taxonomy, credentials, candidates, postings, roles, awards, keys] = await Promise.all([
      store.loadTaxonomy(),
      store.listCredentials(),
      store.listCandidates(),
      store.listPostings(),
      store.listRoles(),
      store.listAwards(),
      KeyRing.open(store),
    ]);
    const records = new RecordSet({ credentials, candidates, postings, roles, awards });
    const services = new Services(store, keys, SkillGraph.fromData(taxonomy), records, options.linker ?? null, options.verifier ?? null, new Map(options.experienceLinks ?? []));
    services.openTitles = options.titles ?? null;
    return services;
  }

  private openTitles: (() => Promise<TitleNormalizer>) | null = null;
  private titleNormalizer: Promise<TitleNormalizer> | null = null;

  /** The job-title normaliser (opened once, on first use), or null when the server runs without the model. */
  titles(): Promise<TitleNormalizer> | null {
    if (!this.openTitles) return null;
    this.titleNormalizer ??= this.openTitles().catch((err: unknown) => {
      this.titleNormalizer = null;
      throw err;
    });
    return this.titleNormalizer;
  }

  // ---- profiles and roles -------------------------------------------------------------------

  /** A candidate's skill profile as of `now` (cached until their data changes). */
  profile(candidateId: string, now: Date): SkillProfile {
    const cached = this.profiles.get(candidateId);
    if (cached) return cached;
    const candidate = this.records.candidates.get(candidateId);
    if (!candidate) throw new NotFoundError('Candidate', candidateId);
    const profile = this.profileBuilder.build({
      candidate,
      awards: this.records.awardsOfCandidate(candidateId),
      credentials: this.records.credentials,
      experienceLinks: this.experienceLinks.get(candidateId) ?? [],
      now: now.toISOString(),
    });
    this.profiles.set(candidateId, profile);
    return profile;
  }

  /**
   * A role's requirement profile. `roleId` is a stored role, a stored posting, or an occupation
   * (ESCO URI or code, O*NET-SOC code).
   */
  roleProfile(roleId: string): RequirementProfile {
    const role = this.records.roles.get(roleId);
    if (role) return requirementsFromRole(role);
    const posting = this.records.postings.get(roleId);
    if (posting) return requirementsFromPostingAndOccupation(this.graph, posting);
    if (findOccupation(this.graph, roleId)) return requirementsFromOccupation(this.graph, roleId);
    throw new NotFoundError('Role', roleId);
  }

  /** The stored role, checked against the caller's scope. Occupations are public. */
  visibleRole(principal: Principal, roleId: string): RequirementProfile {
    const role = this.records.roles.get(roleId);
    if (role && !canSeeRole(principal, role)) throw new NotFoundError('Role', roleId);
    const posting = this.records.postings.get(roleId);
    if (posting && principal.role === 'employer' && posting.organisationId !== principal.organisationId) throw new NotFoundError('Role', roleId);
    return this.roleProfile(roleId);
  }

  /** A candidate the caller may see; NotFound otherwise (no hint that it exists). */
  visibleCandidate(principal: Principal | null, candidateId: string): Candidate {
    const c = this.records.candidates.get(candidateId);
    if (!c || !canSeeCandidate(principal, c)) throw new NotFoundError('Candidate', candidateId);
    return c;
  }

  // ---- engine operations -------------------------------------------------------------------

  private rankingIndex(now: Date): RankingIndex {
    if (!this.index) {
      const profiles = [...this.records.candidates.keys()].map((id) => this.profile(id, now));
      const sharedWith = new Map([...this.records.candidates.values()].map((c) => [c.id, c.sharedWith] as const));
      this.index = createRankingIndex(this.graph, profiles, { scorer: this.scorer, sharedWith });
      this.dirty.clear();
    } else if (this.dirty.size > 0) {
      const ids = [...this.dirty];
      const changed = ids.filter((id) => this.records.candidates.has(id));
      const sharedWith = new Map(changed.map((id) => [id, this.records.candidates.get(id)!.sharedWith] as const));
      this.index = this.index.withChanges(changed.map((id) => this.profile(id, now)), ids.filter((id) => !this.records.candidates.has(id)), sharedWith);
      this.dirty.clear();
    }
    return this.index;
  }

  rankCandidates(principal: Principal, roleId: string, args: RankCandidatesArgs, now: Date): RankPage {
    const role = this.visibleRole(principal, roleId);
    const org = organisationScope(principal);
    const key = JSON.stringify(['rank', roleId, org, args.first, args.after ?? null, args.minScore ?? null, args.verifiedOnly ?? null]);
    return this.results.get(key, () => engineCall(() => this.rankingIndex(now).rank(role, {
      top: args.first,
      cursor: args.after ?? null,
      ...(args.minScore !== undefined ? { minScore: args.minScore } : {}),
      ...(args.verifiedOnly !== undefined ? { verifiedOnly: args.verifiedOnly } : {}),
      ...(org ? { sharedWith: org } : {}),
    }), 'after'));
  }

  rankRoles(principal: Principal, candidateId: string, top: number, now: Date): FitResult[] {
    this.visibleCandidate(principal, candidateId);
    const roles = [...this.records.roles.values()].filter((r) => canSeeRole(principal, r)).map(requirementsFromRole);
    return engineCall(() => rankRoles(this.scorer, this.profile(candidateId, now), roles, { top }), 'first');
  }

  fit(principal: Principal, candidateId: string, roleId: string, now: Date): FitResult {
    this.visibleCandidate(principal, candidateId);
    return this.scorer.score(this.visibleRole(principal, roleId), this.profile(candidateId, now));
  }

  recommend(principal: Principal, candidateId: string, roleId: string, query: PathwayQuery, top: number, now: Date): { next: Recommendation[]; pathway: PathwayResult } {
    this.visibleCandidate(principal, candidateId);
    const input = {
      role: this.visibleRole(principal, roleId),
      profile: this.profile(candidateId, now),
      catalogue: [...this.records.credentials.values()],
      held: this.records.awardsOfCandidate(candidateId).map((a) => a.credentialId),
    };
    return engineCall(() => ({ next: this.recommender.next(input, { top }), pathway: this.recommender.pathway(input, query) }), 'budget');
  }

  /** The default analytics window: the `months` months before now. */
  window(now: Date, months = 24, from?: string | null, to?: string | null): TimeWindow {
    const end = to ?? now.toISOString().slice(0, 10);
    const start = from ?? new Date(Date.parse(end) - months * MONTH_MS).toISOString().slice(0, 10);
    return { from: start, to: end };
  }

  private cohort(now: Date): SkillProfile[] {
    return [...this.records.candidates.keys()].map((id) => this.profile(id, now));
  }

  gaps(by: GapDimension, window: TimeWindow, now: Date): GapRow[] {
    return this.results.get(JSON.stringify(['gaps', by, window]), () =>
      engineCall(() => this.analytics.gaps({ cohort: this.cohort(now), postings: [...this.records.postings.values()], window }, by), 'window'),
    );
  }

  trends(window: TimeWindow): SkillTrend[] {
    return this.results.get(JSON.stringify(['trends', window]), () => engineCall(() => this.analytics.trends({ postings: [...this.records.postings.values()], window }), 'window'));
  }

  whatIf(credentialId: string, count: number, by: GapDimension, window: TimeWindow, now: Date): WhatIfResult {
    const credential = this.records.credentials.get(credentialId);
    if (!credential) throw new NotFoundError('Credential', credentialId);
    return this.results.get(JSON.stringify(['whatIf', credentialId, count, by, window]), () =>
      engineCall(() => this.analytics.whatIf({ cohort: this.cohort(now), postings: [...this.records.postings.values()], window, credential, count, by }), 'whatIf'),
    );
  }

  async linkText(text: string): Promise<readonly TextLink[]> {
    if (text.trim() === '') throw new InvalidInputError('text is empty', 'text');
    if (!this.linker) return this.lookupLinks(text);
    return this.linker.link(text);
  }

  async searchSkills(text: string, k: number): Promise<readonly { skillId: string; score: number }[]> {
    if (text.trim() === '') throw new InvalidInputError('text is empty', 'text');
    const exact = this.graph.findSkillsByLabel(text).map((skillId) => ({ skillId, score: 1 }));
    if (!this.linker) return exact.slice(0, k);
    const found = await this.linker.search(text, k);
    const seen = new Set(exact.map((e) => e.skillId));
    return [...exact, ...found.filter((f) => !seen.has(f.skillId))].slice(0, k);
  }

  /** Without a linker: exact label matches of each line (so the API still answers, less well). */
  private lookupLinks(text: string): TextLink[] {
    const out: TextLink[] = [];
    let offset = 0;
    for (const line of text.split('\n')) {
      for (const skillId of this.graph.findSkillsByLabel(line)) {
        out.push({ skillId, confidence: 1, phrase: line.trim(), parts: { lexical: 1 }, provenance: { kind: 'text', source: line, span: [offset, offset + line.length] } });
      }
      offset += line.length + 1;
    }
    return out;
  }

  // ---- writes: each is one store transaction, then the read model is updated ----------------

  private parse(document: unknown, path: string): IngestResult {
    try {
      return ingestDocument(document);
    } catch (err) {
      const e = err as { message?: string; path?: string };
      throw new InvalidInputError(e.message ?? 'invalid document', e.path ? `${path}.${e.path}` : path);
    }
  }

  private credentialsOf(result: IngestResult): CredentialsResult {
    if (result.format === 'ob2' || result.format === 'ob3' || result.format === 'clr' || result.format === 'ctdl') return result;
    throw new InvalidInputError(`expected a credential (Open Badges 2.0/3.0, CLR or CTDL), got ${result.format}`, 'document');
  }

  private knownLinks(links: readonly SkillLink[]): SkillLink[] {
    return links.filter((l) => this.graph.skill(l.skillId));
  }

  async importCredential(document: unknown): Promise<Credential[]> {
    const result = this.credentialsOf(this.parse(document, 'document'));
    if (result.credentials.length === 0) throw new InvalidInputError('the document holds no credential definition', 'document');
    const { credentials: fixed } = credentialsForStore(result.credentials, (id) => this.graph.skill(id) !== undefined, (id) => this.records.credentials.has(id));
    await this.store.putRecords({ credentials: fixed });
    for (const c of fixed) this.records.putCredential(c);
    this.invalidateAll();
    return fixed;
  }

  async importJobPosting(principal: Principal, document: unknown): Promise<JobPosting[]> {
    let postings: JobPosting[];
    if (typeof document === 'string' && !/^\s*[[{]/.test(document)) {
      const links = await this.linkText(document);
      const title = document.trim().split('\n')[0]!.slice(0, 120);
      postings = [{ id: `posting:${hashId(document)}`, title, description: document, organisationId: principal.organisationId ?? '', datePosted: new Date().toISOString().slice(0, 10), occupationId: null, location: '', skills: links }];
    } else {
      const result = this.parse(document, 'document');
      if (result.format !== 'jobposting') throw new InvalidInputError(`expected a schema.org JobPosting, got ${result.format}`, 'document');
      postings = await withTextLinksMany(result.postings.map((p) => ({ posting: p.posting, explicit: this.knownLinks(p.posting.skills) })), this.linker);
      const titles = postings.some((p) => !p.occupationId) ? this.titles() : null;
      if (titles) postings = await inferPostingOccupations(postings, await titles);
    }
    if (principal.role === 'employer') {
      const org = principal.organisationId ?? '';
      postings = postings.map((p) => ({ ...p, organisationId: org }));
    }
    await this.store.putRecords({ postings });
    this.replacePostings(postings);
    return postings;
  }

  async upsertCandidate(input: CandidateInput): Promise<Candidate> {
    for (const [i, id] of (input.claimedSkillIds ?? []).entries()) {
      if (!this.graph.skill(id)) throw new InvalidInputError(`unknown skill id: ${id}`, `input.claimedSkillIds[${i}]`);
    }
    const existing = this.records.candidates.get(input.id);
    const claimed: SkillLink[] = (input.claimedSkillIds ?? []).map((skillId) => ({ skillId, confidence: 1, provenance: { kind: 'claim', source: 'claimedSkillIds', span: null } }));
    const candidate: Candidate = {
      id: input.id,
      name: input.name,
      location: input.location ?? existing?.location ?? '',
      experience: input.experience ?? existing?.experience ?? '',
      sharedWith: input.sharedWith ?? existing?.sharedWith ?? [],
      claimedSkills: input.claimedSkillIds ? claimed : (existing?.claimedSkills ?? []),
    };
    const experienceLinks = this.linker && candidate.experience.trim() ? await this.linker.link(candidate.experience) : [];
    await this.store.putRecords({ candidates: [candidate] });
    this.records.putCandidate(candidate);
    this.experienceLinks.set(candidate.id, experienceLinks);
    this.invalidateCandidate(candidate.id);
    return candidate;
  }

  /** Awards an OB3 credential to a candidate: verified on the way in; invalid/expired ones are refused. */
  async awardCredential(candidateId: string, document: unknown, now: Date): Promise<Award> {
    if (!this.records.candidates.has(candidateId)) throw new NotFoundError('Candidate', candidateId);
    const result = this.credentialsOf(this.parse(document, 'document'));
    const ingested = result.awards[0];
    const entry = result.credentials[0];
    if (!ingested || !entry) throw new InvalidInputError('the document is a credential definition, not an awarded credential', 'document');
    const verification = this.verifier ? await this.verifier.verify(document, { now }) : { status: 'unverifiable' as const, reason: 'no verifier configured' };
    if (verification.status === 'invalid' || verification.status === 'expired') throw new VerificationFailedError(verification.status, verification.reason);
    const credential = this.records.credentials.get(entry.credential.id) ?? { ...entry.credential, skills: this.knownLinks(entry.credential.skills), requires: [], isPartOf: [] };
    const award: Award = { ...ingested.award, candidateId, credentialId: credential.id, verification: verification.status };
    await this.store.putRecords({ credentials: this.records.credentials.has(credential.id) ? [] : [credential], awards: [award] });
    this.records.putCredential(credential);
    this.records.putAward(award);
    this.invalidateCandidate(candidateId);
    return award;
  }

  /** Candidates in bulk (app/candidates-import.ts): the use-case writes, then the read model takes what was written. */
  async importCandidates(request: ImportCandidatesRequest, now: Date): Promise<ImportCandidatesReport> {
    const { report, written } = await importCandidates(request, { store: this.store, graph: this.graph, linker: this.linker, verifier: this.verifier, now });
    for (const c of written.credentials) this.records.putCredential(c);
    for (const c of written.candidates) this.records.putCandidate(c);
    for (const a of written.awards) this.records.putAward(a);
    this.invalidateAll();
    return report;
  }

  /** Swaps in re-linked postings (same ids) after background linking. */
  replacePostings(postings: readonly JobPosting[]): void {
    for (const p of postings) this.records.putPosting(p);
    this.results.clear();
  }

  /** Swaps in skills linked from candidates' experience after background linking. */
  setExperienceLinks(links: ReadonlyMap<string, readonly SkillLink[]>): void {
    for (const [id, l] of links) this.experienceLinks.set(id, l);
    this.invalidateAll();
  }

  private invalidateCandidate(candidateId: string): void {
    this.profiles.delete(candidateId);
    if (this.index) this.dirty.add(candidateId);
    this.results.clear();
  }

  private invalidateAll(): void {
    this.profiles.clear();
    this.index = null;
    this.dirty.clear();
    this.results.clear();
  }

  /** Creates an API key; a learner key must name a known candidate, an employer key an organisation. */
  async createApiKey(spec: NewKeySpec, now: Date): Promise<{ key: string; record: ApiKeyRecord }> {
    if (spec.role === 'learner' && (!spec.candidateId || !this.records.candidates.has(spec.candidateId))) {
      throw new InvalidInputError(`a learner key needs a known candidate id, got: ${spec.candidateId ?? 'none'}`, 'candidateId');
    }
    if (spec.role === 'employer' && !spec.organisationId) throw new InvalidInputError('an employer key needs an organisation id', 'organisationId');
    return this.keys.create(spec, now);
  }

  /** Roles an employer may see (its own); everyone else sees all. */
  visibleRoles(principal: Principal): Role[] {
    return [...this.records.roles.values()].filter((r) => canSeeRole(principal, r));
  }

  visibleCandidates(principal: Principal): Candidate[] {
    return [...this.records.candidates.values()].filter((c) => canSeeCandidate(principal, c));
  }
}

function hashId(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h.toString(16).padStart(8, '0');
}
