import { openTitleNormalizer, type StoreTitleNormalizer } from '../app/title-normalizer.ts';
import { createOb3Verifier } from '../engine/adapters/ob3-verifier/index.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { JobPosting, SkillLink } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createModelLinker, type ModelLinker } from './linking.ts';
import { withTextLinksMany } from './services/posting-links.ts';
import { Services } from './services/services.ts';

export type Say = (line: string) => void;

export interface BootstrapOptions {
  readonly store: GraphStore;
  /** Import the sample data when the store has no taxonomy (what `npm start` does). */
  readonly importSampleIfEmpty?: boolean;
  /** Load the embedding model for linking and skill search (default true). */
  readonly model?: boolean;
  readonly dtype?: 'q8' | 'fp32';
  readonly say?: Say;
}

export interface Bootstrapped {
  readonly services: Services;
  readonly linker: ModelLinker | null;
  /**
   * Links job postings (once per model, persisted) and candidates' experience (embeddings cached) and
   * hands the results to the running services. Slow on first start, so the server runs meanwhile.
   */
  enrich(): Promise<void>;
  dispose(): Promise<void>;
}

const LINKED_META = 'linked-postings-model';

/** Adds text-linked skills to each posting (explicit alignments kept first), once per model. */
async function linkPostings(store: GraphStore, linker: ModelLinker, say: Say): Promise<JobPosting[] | null> {
  if ((await store.getMeta(LINKED_META)) === linker.modelId) return null;
  const postings = await store.listPostings();
  const started = Date.now();
  const updated = await withTextLinksMany(postings.map((p) => ({ posting: p, explicit: p.skills.filter((l) => l.provenance.kind !== 'text') })), linker);
  await store.putRecords({ postings: updated });
  await store.setMeta(LINKED_META, linker.modelId);
  say(`linked ${postings.length} job postings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return updated;
}

/** Skills linked from every candidate's free-text experience (embeddings cached in the store). */
async function linkExperience(store: GraphStore, linker: ModelLinker, say: Say): Promise<Map<string, readonly SkillLink[]>> {
  const started = Date.now();
  const withText = (await store.listCandidates()).filter((c) => c.experience.trim());
  const links = await linker.linkMany(withText.map((c) => c.experience));
  const out = new Map<string, readonly SkillLink[]>(withText.map((c, i) => [c.id, links[i]!]));
  say(`linked the experience of ${out.size} candidates in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return out;
}

/**
 * The composition root's start-up: prepares the store (sample data when empty), loads the model,
 * links postings and experience, and builds the services the API serves.
 */
export async function bootstrap(opts: BootstrapOptions): Promise<Bootstrapped> {
  const { store } = opts;
  const say = opts.say ?? (() => {});
  if (opts.importSampleIfEmpty && (await store.stats()).skills === 0) {
    const sample = await loadSample();
    await store.importTaxonomy(sample.taxonomy);
    try {
      await store.putRecords(sample.records);
    } catch (err) {
      await store.importTaxonomy({ skills: [], groups: [], broader: [], skillRelations: [], occupations: [], occupationSkills: [], crosswalk: [] });
      throw err;
    }
    say(`imported the sample data (${sample.taxonomy.skills.length} skills, ${sample.records.candidates?.length ?? 0} candidates, ${sample.records.postings?.length ?? 0} postings)`);
  }
  let linker: ModelLinker | null = null;
  if (opts.model ?? true) {
    const { skills, occupationSkills } = await store.loadTaxonomy();
    const started = Date.now();
    linker = await createModelLinker(store, skills, { dtype: opts.dtype ?? 'q8', occupationSkills });
    say(`loaded ${linker.modelId} and indexed ${skills.length} skills in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  // the job-title normaliser loads on first use (its occupation labels are embedded once, then cached in the store)
  let titles: Promise<StoreTitleNormalizer> | null = null;
  const openTitles = linker ? (): Promise<StoreTitleNormalizer> => (titles ??= store.loadTaxonomy().then((t) => openTitleNormalizer(store, t.occupations, { dtype: opts.dtype ?? 'q8' }))) : null;
  const services = await Services.create({ store, linker, verifier: createOb3Verifier(), titles: openTitles });
  return {
    services,
    linker,
    async enrich() {
      if (!linker) return;
      const postings = await linkPostings(store, linker, say);
      if (postings) services.replacePostings(postings);
      services.setExperienceLinks(await linkExperience(store, linker, say));
    },
    async dispose() {
      await linker?.dispose();
      if (titles) await (await titles.catch(() => null))?.dispose();
    },
  };
}
