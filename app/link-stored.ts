import { hostname } from 'node:os';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { runLinkWorker, type WorkerLinker } from './link-worker.ts';

export type Say = (line: string) => void;

/**
 * Start-up linking of a serving process (issue 19): queues every stored job posting, credential and
 * candidate's experience that `linker`'s model has not linked yet (one job per model and document, so
 * a new model re-links everything once) and works the queue until it is empty, in batches, beside any
 * `skillgraph worker` on the same store. The links are written to the store (postings and credentials
 * keep their stated skills first; candidates get `experienceSkills`) and reach every process's
 * workspace, this one's too, through the change feed. What `skillgraph start` runs in the background.
 */
export async function linkStoredDocuments(store: GraphStore, linker: WorkerLinker, say: Say = () => {}, clock: () => number = () => performance.now()): Promise<void> {
  const started = clock();
  const queued = await store.enqueueUnlinked(linker.modelId);
  const report = await runLinkWorker({ queue: store, linker, workerId: `api:${hostname()}:${process.pid}`, untilEmpty: true, idleMs: 500 });
  if (queued > 0 || report.done > 0) {
    say(`linked ${report.done} documents (postings, credentials, candidate experience; ${queued} newly queued) in ${((clock() - started) / 1000).toFixed(1)} s`);
  }
}
