import type { EmbedderDtype } from '../engine/adapters/transformers-embedder.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { TaxonomyData } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { systemClock, type Clock } from './clock.ts';
import { linkStoredDocuments, type Say } from './link-stored.ts';
import { createModelLinker, type ModelLinker } from './linking-pipeline.ts';
import { rebuildingLinker, type RebuildingLinker } from './rebuilding-linker.ts';
import { createVerifier } from './verify-credential.ts';
import { openTitleNormalizer } from './title-normalizer.ts';
import { Workspace } from './workspace.ts';

export type { Say };

export interface StartOptions {
  readonly store: GraphStore;
  /** Import the sample data when the store has no taxonomy (what `npm start` does). */
  readonly importSampleIfEmpty?: boolean;
  /** Load the embedding model for linking and skill search (default true). */
  readonly model?: boolean;
  readonly dtype?: EmbedderDtype;
  /** The model folder (default `$SKILLGRAPH_MODEL`, else the shipped all-MiniLM-L6-v2). */
  readonly modelName?: string;
  readonly say?: Say;
  readonly clock?: Clock;
  /** The verification store folder (status lists, issuer keys) awards and `verifyCredential` are checked against; default none. */
  readonly verifyStore?: string | undefined;
}

export interface Started {
  readonly workspace: Workspace;
  /** Rebuilt (`rebuild()`) when the store's taxonomy changes: the API calls it on a taxonomy reload. */
  readonly linker: RebuildingLinker | null;
  /**
   * Links the stored job postings, credentials and candidates' experience the model has not linked yet
   * through the store's linking queue (the one `skillgraph worker` works) and writes the links to the
   * store; the workspace gets them through the change feed. Slow the first time, so a server runs meanwhile.
   */
  enrich(): Promise<void>;
  /**
   * Builds every candidate's skill profile and the ranking index now, so that the first rank does not (at 1M
   * candidates that took minutes). A serving process calls it before it listens: `/healthz` then means ready to
   * rank. Synchronous CPU work; returns how many candidates and how long it took.
   */
  warmUp(): { readonly candidates: number; readonly seconds: number };
  dispose(): Promise<void>;
}

/** Imports the sample data into an empty store, as one unit (a failed record import leaves no taxonomy). */
async function importSample(store: GraphStore, say: Say): Promise<void> {
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

/**
 * Start-up of a serving process: prepares the store (sample data when empty), loads the model and
 * opens the workspace with the linker and the credential verifier.
 */
export async function start(opts: StartOptions): Promise<Started> {
  const { store } = opts;
  const say = opts.say ?? (() => {});
  if (opts.importSampleIfEmpty && (await store.stats()).skills === 0) await importSample(store, say);
  let linker: RebuildingLinker | null = null;
  // read before the workspace loads the taxonomy: a change in between makes the linker look outdated (safe)
  const taxonomyVersion = await store.linkTaxonomyVersion();
  const named = opts.modelName !== undefined ? { modelName: opts.modelName } : {};
  const build = async (taxonomy: TaxonomyData): Promise<ModelLinker> => {
    const started = performance.now();
    const built = await createModelLinker(store, taxonomy.skills, { dtype: opts.dtype ?? 'q8', ...named, occupationSkills: taxonomy.occupationSkills, occupations: taxonomy.occupations });
    say(`loaded ${built.modelId} and indexed ${taxonomy.skills.length} skills in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    return built;
  };
  const workspace = await Workspace.open({
    store,
    verifier: createVerifier(opts.verifyStore),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.model ?? true
      ? {
          linker: async (taxonomy) => (linker = rebuildingLinker(store, build, await build(taxonomy), taxonomyVersion)),
          // the job-title normaliser loads on first use (its occupation labels are embedded once, then cached in the store)
          titles: (occupations) => openTitleNormalizer(store, occupations, { dtype: opts.dtype ?? 'q8', ...named }),
        }
      : {}),
  });
  const model = linker as RebuildingLinker | null;
  return {
    workspace,
    linker: model,
    async enrich() {
      if (model) await linkStoredDocuments(store, model, say);
    },
    warmUp() {
      const started = performance.now();
      workspace.rankingIndex((opts.clock ?? systemClock)());
      return { candidates: workspace.records.candidates.size, seconds: (performance.now() - started) / 1000 };
    },
    async dispose() {
      await workspace.closeTitles();
      await model?.dispose();
    },
  };
}

