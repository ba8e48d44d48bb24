import { hostname } from 'node:os';
import { runLinkWorker } from '../app/link-worker.ts';
import { createOb3Verifier } from '../engine/adapters/ob3-verifier/index.ts';
import { loadSample } from '../taxonomy/loaders/sample.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createModelLinker, type ModelLinker } from './linking.ts';
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
  const services = await Services.create({ store, linker, verifier: createOb3Verifier() });
  return {
    services,
    linker,
    async enrich() {
      if (!linker) return;
      // The same queue `skillgraph worker` processes (issue 19): documents not yet linked with this model
      // are claimed, linked and written back; every process (this one too) sees them through the change feed.
      const queued = await store.enqueueUnlinked(linker.modelId);
      const started = Date.now();
      const report = await runLinkWorker({ queue: store, linker, workerId: `api:${hostname()}:${process.pid}`, untilEmpty: true, idleMs: 500 });
      say(`linked ${report.done} documents (postings, credentials, candidate experience; ${queued} newly queued) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    },
    async dispose() {
      await linker?.dispose();
    },
  };
}
