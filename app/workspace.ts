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
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { profileDay, systemClock, type Clock } from './clock.ts';
import { NotFoundError } from './errors.ts';
import { KeyRing } from './key-ring.ts';
import { RecordSet } from './records.ts';
import { ResultCache } from './result-cache.ts';
import type { TextLinker } from './text-linker.ts';

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
 * read it and apply their writes to it; `apply` takes the same records batch a store write takes, so a
 * change feed can keep it current. Profiles are built at the start of the UTC day of `now`.
 */
export class Workspace {
  readonly graph: SkillGraph;
  readonly scorer: FitScorer;
  readonly recommender: Recommender;
  readonly analytics: GapAnalytics;
  private readonly profileBuilder: ProfileBuilder;
  private readonly profiles = new Map<string, SkillProfile>();
  /** The day (ISO instant) the cached profiles were built at. */
  private profilesAt: string | null = null;
  private index: RankingIndex | null = null;
  /** Candidates changed since the index was built: applied to it (`withChanges`) at the next rank. */
  private readonly dirty = new Set<string>();
  /** Ranking pages and gap reports until the next change (repeated dashboard and API reads are cheap). */
  private readonly results = new ResultCache();
  private openTitles: ((occupations: readonly Occupation[]) => Promise<TitleNormalizer>) | null = null;
  private titleNormalizer: Promise<TitleNormalizer> | null = null;

  private constructor(
    readonly store: GraphStore,
    readonly keys: KeyRing,
    graph: SkillGraph,
    readonly records: RecordSet,
    readonly linker: TextLinker | null,
    readonly verifier: CredentialVerifier | null,
  ) {
    this.graph = graph;
    this.scorer = createFitScorer({ graph });
    this.profileBuilder = createProfileBuilder();
    this.recommender = createRecommender(this.scorer);
    this.analytics = createGapAnalytics(this.scorer);
  }

  /** Reads the store once: taxonomy, every record, the API keys. */
  static async open(options: WorkspaceOptions): Promise<Workspace> {
    const { store } = options;
    const [taxonomy, credentials, candidates, postings, roles, awards, keys] = await Promise.all([
      store.loadTaxonomy(),
      store.listCredentials(),
      store.listCandidates(),
      store.listPostings(),
      store.listRoles(),
      store.listAwards(),
      KeyRing.open(store, options.clock ?? systemClock),
    ]);
    const records = new RecordSet({ credentials, candidates, postings, roles, awards });
    const linker = typeof options.linker === 'function' ? await options.linker(taxonomy) : (options.linker ?? null);
    const ws = new Workspace(store, keys, SkillGraph.fromData(taxonomy), records, linker, options.verifier ?? null);
    ws.openTitles = options.titles ?? null;
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
      credentials: this.records.credentials,
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
    // a credential's skills enter every holder's profile: rebuild all; otherwise only the people touched
    if ((batch.credentials?.length ?? 0) > 0) return this.invalidateAll();
    for (const c of batch.candidates ?? []) this.invalidateCandidate(c.id);
    for (const a of batch.awards ?? []) this.invalidateCandidate(a.candidateId);
    this.results.clear();
  }

  /** Applies deletions the store has made (its awards go with a candidate or credential). */
  remove(ids: { readonly [K in keyof RecordsBatch]?: readonly string[] }): void {
    const touched = this.records.remove(ids);
    if ((ids.credentials?.length ?? 0) > 0) return this.invalidateAll();
    for (const id of touched) this.invalidateCandidate(id);
    this.results.clear();
  }

  private cohortIfDayChanged(now: Date): SkillProfile[] | null {
    if (profileDay(now) === this.profilesAt) return null;
    return this.cohort(now); // resets the caches (and the index) for the new day
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
}
