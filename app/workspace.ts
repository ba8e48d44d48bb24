import { createGapAnalytics, type GapAnalytics } from '../engine/analytics/gap-analytics.ts';
import { createFitScorer, type FitScorer } from '../engine/fit/fit-scorer.ts';
import { createProfileBuilder, type ProfileBuilder } from '../engine/profile/index.ts';
import type { SkillProfile } from '../engine/profile/types.ts';
import { createRankingIndex, type RankingIndex } from '../engine/rank/ranking-index.ts';
import { createRecommender, type Recommender } from '../engine/recommend/recommender.ts';
import type { TitleNormalizer } from '../engine/linking/title-normalizer.ts';
import type { CredentialVerifier } from '../engine/verify/verifier.ts';
import { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { Occupation, RecordsBatch, TaxonomyData } from '../taxonomy/model/types.ts';
import type { ChangeEntry } from '../taxonomy/stores/change-feed.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { applyChange } from './apply-change.ts';
import { profileDay, systemClock, type Clock } from './clock.ts';
import { NotFoundError } from './errors.ts';
import { KeyRing } from './key-ring.ts';
import { isEvidenceCredential } from './ownership.ts';
import { ReleasePrivacy, type PrivacyOptions } from './privacy-budget.ts';
import { RecordSet } from './records.ts';
import { ResultCache } from './result-cache.ts';
import type { TextLinker } from './text-linker.ts';
import { mark } from './timing.ts';

export interface WorkspaceOptions {
  readonly store: GraphStore;
  /**
   * The linking pipeline, or a factory for it given the store's taxonomy (`createModelLinker`); without
   * it text is linked by exact labels only and imports keep the skills documents state.
   */
  readonly linker?: TextLinker | null | ((taxonomy: TaxonomyData) => Promise<TextLinker>);
  /** Verifies awarded credentials on the way in. */
  readonly verifier?: CredentialVerifier | null;
  /** Times the API keys' re-reads (the use-cases take `now` as an argument). */
  readonly clock?: Clock;
  /** Differential privacy of the gap aggregates released to non-admin callers (defaults: DEFAULT_PRIVACY). */
  readonly privacy?: PrivacyOptions;
  /**
   * Opens the job-title normaliser over the store's occupations (`openTitleNormalizer`); called once, on
   * first use (`titles()`). Without it titles are not normalised and imported postings keep the
   * occupation their documents state.
   */
  readonly titles?: ((occupations: readonly Occupation[]) => Promise<TitleNormalizer>) | null;
}

/**
 * The one read model of a running skillgraph, whatever the adapter (API, CLI, bench): a store opened
 * with its taxonomy graph, its records in memory, candidates' skill profiles (awards, claimed skills
 * and skills linked from experience, all as stored), the ranking index and cached results, and the
 * role resolution for stored roles, postings and ESCO / O*NET occupations. The use-cases (app/*.ts)
 * read it and apply their writes to it; `apply` takes the same records batch a store write takes, and
 * `applyChange` / `reload` take what other processes wrote from the store's change feed (issue 19,
 * app/change-follower.ts). Profiles are built at the start of the UTC day of `now`.
 */
export class Workspace {
  // Rebuilt by `reload` (a taxonomy import by any process); read through the getters below.
  private graphNow: SkillGraph;
  private scorerNow: FitScorer;
  private recommenderNow: Recommender;
  private analyticsNow: GapAnalytics;
  private recordsNow: RecordSet;
  private readonly profileBuilder: ProfileBuilder;
  private readonly profiles = new Map<string, SkillProfile>();
  /** The day (ISO instant) the cached profiles were built at. */
  private profilesAt: string | null = null;
  private index: RankingIndex | null = null;
  /** Candidates changed since the index was built: applied to it (`withChanges`) at the next rank. */
  private readonly dirty = new Set<string>();
  /** Ranking pages and gap reports until the next change (repeated dashboard and API reads are cheap). */
  private readonly results = new ResultCache();
  /** Budget, keyed noise and release-id nonce of the differentially private gap releases (app/gaps.ts). */
  readonly privacy: ReleasePrivacy;
  private version = 0;
  private openTitles: ((occupations: readonly Occupation[]) => Promise<TitleNormalizer>) | null = null;
  private titleNormalizer: Promise<TitleNormalizer> | null = null;

  private constructor(
    readonly store: GraphStore,
    readonly keys: KeyRing,
    graph: SkillGraph,
    records: RecordSet,
    readonly linker: TextLinker | null,
    readonly verifier: CredentialVerifier | null,
    privacy: PrivacyOptions,
    /** The change-feed sequence this workspace was loaded at (read before loading): where a follower starts. */
    readonly feedPosition: number,
  ) {
    this.privacy = new ReleasePrivacy(store, privacy);
    this.graphNow = graph;
    this.recordsNow = records;
    this.scorerNow = createFitScorer({ graph });
    this.profileBuilder = createProfileBuilder();
    this.recommenderNow = createRecommender(this.scorerNow);
    this.analyticsNow = createGapAnalytics(this.scorerNow);
  }

  /** The taxonomy graph (replaced by `reloadTaxonomy` / `reload` after a taxonomy write). */
  get graph(): SkillGraph {
    return this.graphNow;
  }

  get scorer(): FitScorer {
    return this.scorerNow;
  }

  get recommender(): Recommender {
    return this.recommenderNow;
  }

  get analytics(): GapAnalytics {
    return this.analyticsNow;
  }

  get records(): RecordSet {
    return this.recordsNow;
  }

  /** Reads the store once: taxonomy, every record, the API keys. */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const { store } = options;
    // the feed's head BEFORE loading: a write committed meanwhile is applied again by a follower (harmless)
    const { head } = await store.readChanges(0, 1);
    const [{ taxonomy, records }, keys] = await Promise.all([loadStore(store), KeyRing.open(store, options.clock ?? systemClock)]);
    mark('workspace: store read');
    const linker = typeof options.linker === 'function' ? await options.linker(taxonomy) : (options.linker ?? null);
    const ws = new Workspace(store, keys, SkillGraph.fromData(taxonomy), records, linker, options.verifier ?? null, options.privacy ?? {}, head);
    ws.openTitles = options.titles ?? null;
    mark('workspace: graph built');
    return ws;
  }

  /** The job-title normaliser (opened once, on first use; a failed open is retried next time), or null without one. */
  titles(): Promise<TitleNormalizer> | null {
    const open = this.openTitles;
    if (!open) return null;
    this.titleNormalizer ??= open([...this.graph.occupations()]).catch((err: unknown) => {
      this.titleNormalizer = null;
      throw err;
    });
    return this.titleNormalizer;
  }

  /** Releases the title normaliser if it was opened (the linker belongs to whoever made it). */
  async closeTitles(): Promise<void> {
    const opened = this.titleNormalizer;
    this.titleNormalizer = null;
    if (opened) await (await opened.catch(() => null))?.dispose();
  }

  // ---- reads ------------------------------------------------------------------------------

  /** A candidate's skill profile on `now`'s day (cached until their data changes or the day does). */
  profile(candidateId: string, now: Date): SkillProfile {
    const day = profileDay(now);
    if (day !== this.profilesAt) {
      if (this.profilesAt !== null) this.invalidateAll();
      this.profilesAt = day;
    }
    const cached = this.profiles.get(candidateId);
    if (cached) return cached;
    const candidate = this.records.candidates.get(candidateId);
    if (!candidate) throw new NotFoundError('Candidate', candidateId);
    const profile = this.profileBuilder.build({
      candidate,
      awards: this.records.awardsOfCandidate(candidateId),
      credentials: this.records.heldCredentials,
      experienceLinks: candidate.experienceSkills ?? [],
      now: day,
    });
    this.profiles.set(candidateId, profile);
    return profile;
  }

  /** Every candidate's profile (the cohort of gap analytics), in id order. */
  cohort(now: Date): SkillProfile[] {
    return [...this.records.candidates.keys()].map((id) => this.profile(id, now));
  }

  /** Whether a rank on `now`'s day would find every profile and the ranking index built and up to date (no work before it). */
  rankingReady(now: Date): boolean {
    return this.index !== null && this.dirty.size === 0 && profileDay(now) === this.profilesAt;
  }

  /** The ranking index over every candidate, brought up to date with the candidates changed since. */
  rankingIndex(now: Date): RankingIndex {
    const profiles = this.cohortIfDayChanged(now);
    if (!this.index) {
      const sharedWith = new Map([...this.records.candidates.values()].map((c) => [c.id, c.sharedWith] as const));
      this.index = createRankingIndex(this.graph, profiles ?? this.cohort(now), { scorer: this.scorer, sharedWith });
      this.dirty.clear();
    } else if (this.dirty.size > 0) {
      const ids = [...this.dirty];
      const changed = ids.filter((id) => this.records.candidates.has(id));
      const sharedWith = new Map(changed.map((id) => [id, this.records.candidates.get(id)!.sharedWith] as const));
      this.index = this.index.withChanges(
        changed.map((id) => this.profile(id, now)),
        ids.filter((id) => !this.records.candidates.has(id)),
        sharedWith,
      );
      this.dirty.clear();
    }
    return this.index;
  }

  /**
   * The version of the data the reads see: bumped on every change applied (and when the profiles'
   * day turns). A differentially private release is keyed on it, so changed data gets fresh noise.
   */
  get dataVersion(): number {
    return this.version;
  }

  /** A result computed once until the next change (`key` names the question, JSON). */
  cached<T>(key: readonly unknown[], compute: () => T): T {
    return this.results.get(JSON.stringify(key), compute);
  }

  // ---- changes: applied after the store accepted them (or as a change feed reports them) ----

  /** Applies a records batch the store has written (upserts by id). */
  apply(batch: RecordsBatch): void {
    for (const c of batch.credentials ?? []) this.records.putCredential(c);
    for (const c of batch.candidates ?? []) this.records.putCandidate(c);
    for (const p of batch.postings ?? []) this.records.putPosting(p);
    for (const r of batch.roles ?? []) this.records.putRole(r);
    for (const a of batch.awards ?? []) this.records.putAward(a);
    // a catalogue credential's skills enter every holder's profile: rebuild all; otherwise only the
    // people touched (a candidate's private evidence credential comes with that candidate's award)
    if ((batch.credentials ?? []).some((c) => !isEvidenceCredential(c.id))) return this.invalidateAll();
    for (const c of batch.candidates ?? []) this.invalidateCandidate(c.id);
    for (const a of batch.awards ?? []) this.invalidateCandidate(a.candidateId);
    this.version++;
    this.results.clear();
  }

  /**
   * Re-reads the taxonomy after the store's taxonomy changed (an import merged framework skills into it):
   * a new graph and scorer, every profile, the ranking index and the cached results rebuilt on next use.
   * The linker keeps the skills it indexed at open.
   */
  async reloadTaxonomy(): Promise<void> {
    this.useGraph(SkillGraph.fromData(await this.store.loadTaxonomy()));
    this.invalidateAll();
  }

  /** A new graph and what is built on it: the scorer, the recommender and the gap analytics. */
  private useGraph(graph: SkillGraph): void {
    this.graphNow = graph;
    this.scorerNow = createFitScorer({ graph });
    this.recommenderNow = createRecommender(this.scorerNow);
    this.analyticsNow = createGapAnalytics(this.scorerNow);
  }

  /** Applies deletions the store has made (its awards go with a candidate or credential). */
  remove(ids: { readonly [K in keyof RecordsBatch]?: readonly string[] }): void {
    const touched = this.records.remove(ids);
    if ((ids.credentials?.length ?? 0) > 0) return this.invalidateAll();
    for (const id of touched) this.invalidateCandidate(id);
    this.version++;
    this.results.clear();
  }

  // ---- other processes' writes: the change feed (issue 19) ---------------------------------

  /**
   * Applies one change-feed entry written by any process (app/change-follower.ts calls it): the records
   * it names are re-read from the store, only the candidates they affect are invalidated, keys re-read
   * on an `api-keys` change. Idempotent (this process's own writes come back through the feed too).
   */
  applyChange(entry: ChangeEntry): Promise<void> {
    return applyChange(this.store, {
      records: this.records,
      reloadKeys: () => this.keys.reload(),
      invalidateCandidates: (ids) => {
        for (const id of ids) this.invalidateCandidate(id);
      },
      clearResults: () => {
        this.version++; // a changed posting or role changes demand: fresh noise for private releases too
        this.results.clear();
      },
      // Profiles read the links stored with each candidate (`experienceSkills`): a candidate written
      // without them (a writer without the model) is linked by the store's linking queue (`skillgraph
      // worker`, or the API's start-up), whose write reaches every process through the feed.
      relinkExperience: async () => {},
    }, entry);
  }

  /** Re-reads the taxonomy, every record and the keys (a taxonomy import, or the feed compacted past us). */
  async reload(): Promise<void> {
    const { store } = this;
    const [{ taxonomy, records }] = await Promise.all([loadStore(store), this.keys.reload()]);
    this.useGraph(SkillGraph.fromData(taxonomy));
    this.recordsNow = records;
    this.invalidateAll();
  }

  private cohortIfDayChanged(now: Date): SkillProfile[] | null {
    if (profileDay(now) === this.profilesAt) return null;
    return this.cohort(now); // resets the caches (and the index) for the new day
  }

  private invalidateCandidate(candidateId: string): void {
    this.profiles.delete(candidateId);
    if (this.index) this.dirty.add(candidateId);
    this.version++;
    this.results.clear();
  }

  private invalidateAll(): void {
    this.profiles.clear();
    this.index = null;
    this.dirty.clear();
    this.version++;
    this.results.clear();
  }
}

/** The taxonomy and every record of a store, read at once (opening and reloading a workspace). */
async function loadStore(store: GraphStore): Promise<{ taxonomy: TaxonomyData; records: RecordSet }> {
  const [taxonomy, credentials, candidates, postings, roles, awards] = await Promise.all([
    store.loadTaxonomy(),
    store.listCredentials(),
    store.listCandidates(),
    store.listPostings(),
    store.listRoles(),
    store.listAwards(),
  ]);
  return { taxonomy, records: new RecordSet({ credentials, candidates, postings, roles, awards }) };
}
