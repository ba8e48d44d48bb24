import { PrivacyBudget, privacySecret } from '../../app/privacy-budget.ts';
import { awardValidityRefusal, catalogueIdRefusal, awardWriteRefusal, candidateWriteRefusal, ownPostings, parseRoleRef, placeAwardedAchievement, textPostingId, type Refusal } from '../../app/ownership.ts';
import { createHmac, randomBytes } from 'node:crypto';
import type { Prf } from '../../engine/privacy/noise-source.ts';
import { releaseGapRows, releaseWhatIf } from '../../engine/privacy/release-gaps.ts';
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
import type { CredentialVerifier } from '../../engine/verify/verifier.ts';
import { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Award, Candidate, Credential, JobPosting, Role, SkillLink } from '../../taxonomy/model/types.ts';
import type { GraphStore } from '../../taxonomy/stores/graph-store.ts';
import { KeyRing, type ApiKeyRecord, type NewKeySpec } from '../auth/key-ring.ts';
import type { Principal } from '../auth/principal.ts';
import { ForbiddenError, InvalidInputError, NotFoundError, VerificationFailedError } from '../errors.ts';
import { limits } from '../limits.ts';
import { canSeeCandidate, canSeeRole, organisationScope } from './access.ts';
import type { TextLink, TextLinker } from './linker-port.ts';
import { engineCall, engineCallAsync } from './engine-errors.ts';
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
  /** Differential privacy of the gap aggregates (docs/SECURITY.md); defaults in api/limits.ts. */
  readonly privacy?: PrivacyOptions;
}

export interface PrivacyOptions {
  /** Server secret keying the noise; default $SKILLGRAPH_DP_SECRET, else one generated and kept in the store. */
  readonly secret?: string;
  /** zCDP ρ of one released gap query. */
  readonly rhoPerQuery?: number;
  /** ρ per API key per period. */
  readonly budget?: number;
  readonly periodMs?: number;
}

/** A what-if as released: no person ids, the number of people asked for. */
export type PrivateWhatIf = WhatIfResult & { readonly people: number };


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
  private readonly results = new ResultCache(1_000, limits.resultCacheBytes);
  /** Exact gap counts (k = 1) for the differentially private release; never returned as they are. */
  private readonly rawAnalytics: GapAnalytics;
  private readonly budget: PrivacyBudget;
  private readonly rhoPerQuery: number;
  /**
   * Bumped on every write: a release is keyed on the data it was computed from (fresh noise after a
   * change). The per-process nonce makes a restart start a new series: a counter reset to 0 over
   * changed data would otherwise draw the old noise again, and the difference would be exact.
   */
  private dataVersion = 0;
  private readonly processNonce = randomBytes(8).toString('hex');

  private constructor(
    readonly store: GraphStore,
    readonly keys: KeyRing,
    graph: SkillGraph,
    readonly records: RecordSet,
    private readonly linker: TextLinker | null,
    private readonly verifier: CredentialVerifier | null,
    private readonly experienceLinks: Map<string, readonly SkillLink[]>,
    private readonly prf: Prf,
    privacy: PrivacyOptions,
  ) {
    this.graph = graph;
    this.scorer = createFitScorer({ graph });
    this.profileBuilder = createProfileBuilder();
    this.recommender = createRecommender(this.scorer);
    this.analytics = createGapAnalytics(this.scorer);
    this.rawAnalytics = createGapAnalytics(this.scorer, { k: 1 });
    this.rhoPerQuery = privacy.rhoPerQuery ?? limits.privacy.rhoPerQuery;
    this.budget = new PrivacyBudget(store, { budget: privacy.budget ?? limits.privacy.budget, periodMs: privacy.periodMs ?? limits.privacy.periodMs, rhoPerQuery: this.rhoPerQuery });
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
    const secret = options.privacy?.secret ?? (await privacySecret(store, process.env['SKILLGRAPH_DP_SECRET']));
    const prf: Prf = (message) => createHmac('sha256', secret).update(message).digest();
    return new Services(store, keys, SkillGraph.fromData(taxonomy), records, options.linker ?? null, options.verifier ?? null, new Map(options.experienceLinks ?? []), prf, options.privacy ?? {});
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
      credentials: this.records.heldCredentials,
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
    const ref = parseRoleRef(roleId);
    if (ref.kind === 'occupation') {
      if (findOccupation(this.graph, ref.id)) return requirementsFromOccupation(this.graph, ref.id);
      throw new NotFoundError('Role', roleId);
    }
    const role = this.records.roles.get(roleId);
    if (role) return requirementsFromRole(role);
    const posting = this.records.postings.get(roleId);
    if (posting) return requirementsFromPostingAndOccupation(this.graph, posting);
    if (findOccupation(this.graph, roleId)) return requirementsFromOccupation(this.graph, roleId);
    throw new NotFoundError('Role', roleId);
  }

  /** The stored role, checked against the caller's scope. Occupations are public. */
  visibleRole(principal: Principal, roleId: string): RequirementProfile {
    // A role or posting the caller cannot see neither answers nor shadows an occupation (issue 17).
    const role = this.records.roles.get(roleId);
    const posting = this.records.postings.get(roleId);
    const hidden = (role && !canSeeRole(principal, role)) || (posting && principal.role === 'employer' && posting.organisationId !== principal.organisationId);
    if (hidden) {
      if (parseRoleRef(roleId).kind === 'any' && findOccupation(this.graph, roleId)) return requirementsFromOccupation(this.graph, roleId);
      throw new NotFoundError('Role', roleId);
    }
    return engineCall(() => this.roleProfile(roleId), 'roleId');
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
    return engineCall(() => {
      const roles = [...this.records.roles.values()].filter((r) => canSeeRole(principal, r)).map(requirementsFromRole);
      return rankRoles(this.scorer, this.profile(candidateId, now), roles, { top });
    }, 'first');
  }

  fit(principal: Principal, candidateId: string, roleId: string, now: Date): FitResult {
    this.visibleCandidate(principal, candidateId);
    const role = this.visibleRole(principal, roleId);
    return engineCall(() => this.scorer.score(role, this.profile(candidateId, now)), 'roleId');
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

  /** Exact gap cells (k-anonymous only): for in-process use (CLI, benches); the API releases `privateGaps`. */
  gaps(by: GapDimension, window: TimeWindow, now: Date): GapRow[] {
    return this.results.get(JSON.stringify(['gaps', by, window]), () =>
      engineCall(() => this.analytics.gaps({ cohort: this.cohort(now), postings: [...this.records.postings.values()], window }, by), 'window'),
    );
  }

  trends(window: TimeWindow): SkillTrend[] {
    return this.results.get(JSON.stringify(['trends', window]), () => engineCall(() => this.analytics.trends({ postings: [...this.records.postings.values()], window }), 'window'));
  }

  // ---- differentially private aggregates (engine/privacy, docs/SECURITY.md) -----------------

  /** The canonical id of a release: what was asked and the data version it is computed on. */
  private releaseId(parts: readonly (string | number)[]): string {
    return JSON.stringify([...parts, this.processNonce, this.dataVersion]);
  }

  /** Charges a release to the caller's budget (admin keys are not limited; their answers are as noisy). */
  private async spend(principal: Principal, releaseId: string, now: Date): Promise<void> {
    if (principal.role === 'admin') return;
    const c = await this.budget.spend(principal.keyId, releaseId, now.getTime());
    if (!c.ok) throw new ForbiddenError(`privacy budget of this key is spent for the period (ρ ${c.spent.toFixed(3)} of ${this.budget.options.budget}); repeated queries stay free; it resets at ${new Date(c.resetsAt).toISOString()}`);
  }

  /** The gap matrix as released: discrete Gaussian noise on every person count, k on the noisy counts. */
  async privateGaps(principal: Principal, by: GapDimension, window: TimeWindow, now: Date): Promise<GapRow[]> {
    const ask = (): string => this.releaseId(['gaps', by, window.from, window.to]);
    let id = ask();
    await this.spend(principal, id, now);
    // a write while charging changes the data: that is another release, charged in its turn
    while (id !== ask()) await this.spend(principal, (id = ask()), now);
    return this.results.get(JSON.stringify(['dp-gaps', id]), () => {
      const rows = engineCall(() => this.rawAnalytics.gaps({ cohort: this.cohort(now), postings: [...this.records.postings.values()], window }, by), 'window');
      return releaseGapRows(rows, { prf: this.prf, releaseId: id, rho: this.rhoPerQuery, k: this.analytics.options.k });
    });
  }

  /** A what-if on the noisy baseline (the released gap matrix of the same window), its change released with fresh noise. */
  async privateWhatIf(principal: Principal, credentialId: string, count: number, by: GapDimension, window: TimeWindow, now: Date): Promise<PrivateWhatIf> {
    const ids = (): [string, string] => [this.releaseId(['gaps', by, window.from, window.to]), this.releaseId(['whatIf', by, window.from, window.to, credentialId, count])];
    if (!this.records.credentials.has(credentialId)) throw new NotFoundError('Credential', credentialId);
    let baselineId = '';
    let id = '';
    do {
      [baselineId, id] = ids();
      await this.spend(principal, baselineId, now);
      await this.spend(principal, id, now);
    } while (id !== ids()[1]);
    const credential = this.records.credentials.get(credentialId);
    if (!credential) throw new NotFoundError('Credential', credentialId);
    return this.results.get(JSON.stringify(['dp-whatIf', id]), () => {
      const raw = engineCall(() => this.rawAnalytics.whatIf({ cohort: this.cohort(now), postings: [...this.records.postings.values()], window, credential, count, by }), 'whatIf');
      const released = releaseWhatIf(raw.before, raw.after, { prf: this.prf, releaseId: id, rho: this.rhoPerQuery, k: this.analytics.options.k, baselineId, baselineRho: this.rhoPerQuery });
      return { credentialId, chosen: [], people: count, ...released };
    });
  }

  async linkText(text: string): Promise<readonly TextLink[]> {
    if (text.trim() === '') throw new InvalidInputError('text is empty', 'text');
    if (!this.linker) return this.lookupLinks(text);
    return engineCallAsync(() => this.linker!.link(text), 'text');
  }

  async searchSkills(text: string, k: number): Promise<readonly { skillId: string; score: number }[]> {
    if (text.trim() === '') throw new InvalidInputError('text is empty', 'text');
    const exact = this.graph.findSkillsByLabel(text).map((skillId) => ({ skillId, score: 1 }));
    if (!this.linker) return exact.slice(0, k);
    const linker = this.linker;
    const found = await engineCallAsync(() => linker.search(text, k), 'text');
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
    for (const [i, e] of result.credentials.entries()) {
      const bad = catalogueIdRefusal(e.credential.id, result.credentials.length === 1 ? 'document.id' : `document[${i}].id`);
      if (bad) refused(bad);
    }
    const { credentials: fixed } = credentialsForStore(result.credentials, (id) => this.graph.skill(id) !== undefined, (id) => this.records.credentials.has(id));
    await this.store.putRecords({ credentials: fixed });
    for (const c of fixed) this.records.putCredential(c);
    this.invalidateAll();
    return fixed;
  }

  async importJobPosting(principal: Principal, document: unknown, now: Date = new Date()): Promise<JobPosting[]> {
    let postings: JobPosting[];
    if (typeof document === 'string' && !/^\s*[[{]/.test(document)) {
      const links = await this.linkText(document);
      const title = document.trim().split('\n')[0]!.slice(0, 120);
      const org = principal.organisationId ?? '';
      postings = [{ id: textPostingId(org, document), title, description: document, organisationId: org, datePosted: now.toISOString().slice(0, 10), occupationId: null, location: '', skills: links }];
    } else {
      const result = this.parse(document, 'document');
      if (result.format !== 'jobposting') throw new InvalidInputError(`expected a schema.org JobPosting, got ${result.format}`, 'document');
      postings = await withTextLinksMany(result.postings.map((p) => ({ posting: p.posting, explicit: this.knownLinks(p.posting.skills) })), this.linker);
    }
    const owned = ownPostings(principal, postings, (id) => this.records.postings.get(id), (id) => findOccupation(this.graph, id) !== undefined);
    if (owned.refusal) refused(owned.refusal);
    postings = owned.postings;
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
  async awardCredential(principal: Principal, candidateId: string, document: unknown, now: Date): Promise<Award> {
    const notYours = candidateWriteRefusal(principal, candidateId);
    if (notYours) refused(notYours);
    if (!this.records.candidates.has(candidateId)) throw new NotFoundError('Candidate', candidateId);
    const result = this.credentialsOf(this.parse(document, 'document'));
    const ingested = result.awards[0];
    const entry = result.credentials[0];
    if (!ingested || !entry) throw new InvalidInputError('the document is a credential definition, not an awarded credential', 'document');
    const verification = this.verifier ? await this.verifier.verify(document, { now }) : { status: 'unverifiable' as const, reason: 'no verifier configured' };
    if (verification.status === 'invalid' || verification.status === 'expired') throw new VerificationFailedError(verification.status, verification.reason);
    // Ownership (app/ownership.ts): the learner's document is its own evidence, never a catalogue edit.
    const placed = placeAwardedAchievement(principal, candidateId, { ...entry.credential, skills: this.knownLinks(entry.credential.skills) }, verification.status, (id) => this.records.credentials.has(id), (id) => this.records.heldCredentials.has(id));
    const award: Award = { ...ingested.award, candidateId, credentialId: placed.credentialId, verification: verification.status };
    const refusal = awardValidityRefusal(award, now) ?? awardWriteRefusal(award, this.records.awards.get(award.id));
    if (refusal) refused(refusal);
    await this.store.putRecords({ credentials: placed.store ? [placed.store] : [], awards: [award] });
    if (placed.store) this.records.putCredential(placed.store);
    this.records.putAward(award);
    if (placed.placement === 'new-catalogue') this.invalidateAll();
    this.invalidateCandidate(candidateId);
    return award;
  }

  /** Swaps in re-linked postings (same ids) after background linking. */
  replacePostings(postings: readonly JobPosting[]): void {
    for (const p of postings) this.records.putPosting(p);
    this.dataVersion++;
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
    this.dataVersion++;
    this.results.clear();
  }

  private invalidateAll(): void {
    this.profiles.clear();
    this.index = null;
    this.dirty.clear();
    this.dataVersion++;
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

/** An ownership refusal (app/ownership.ts) as the API's typed error. */
function refused(r: Refusal): never {
  if (r.kind === 'forbidden') throw new ForbiddenError(r.message);
  throw new InvalidInputError(r.message, r.path);
}
