import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { candidatesWithExperienceSkills, postingsWithSkills } from './document-skills.ts';
import type { ModelLinker } from './linking-pipeline.ts';
import type { Workspace } from './workspace.ts';

export type Say = (line: string) => void;

const LINKED_POSTINGS = 'linked-postings-model';
const LINKED_EXPERIENCE = 'linked-experience-model';

/** Whether every document was linked by this model already (a store records the model per kind). */
async function linkedBy(store: GraphStore, key: string, modelId: string): Promise<boolean> {
  return (await store.getMeta(key)) === modelId;
}

/**
 * Links the stored documents a model has not linked yet and writes the links back to the store (one
 * transaction per kind), then applies them to the workspace: job postings (`postingsWithSkills`: stated skills
 * kept, the text of those stating none linked; once per model) and candidates' experience (all once per model, then those
 * never linked). What the API's start-up runs in the background; the CLI reads the stored links.
 */
export async function linkStoredDocuments(ws: Workspace, linker: ModelLinker, say: Say = () => {}, clock: () => number = () => performance.now()): Promise<void> {
  const { store } = ws;
  if (!(await linkedBy(store, LINKED_POSTINGS, linker.modelId))) {
    const started = clock();
    const postings = await postingsWithSkills([...ws.records.postings.values()], ws.graph, linker);
    await store.putRecords({ postings });
    await store.setMeta(LINKED_POSTINGS, linker.modelId);
    ws.apply({ postings });
    say(`linked ${postings.length} job postings in ${((clock() - started) / 1000).toFixed(1)} s`);
  }
  const all = !(await linkedBy(store, LINKED_EXPERIENCE, linker.modelId));
  const todo = [...ws.records.candidates.values()].filter((c) => all || c.experienceSkills === undefined);
  if (todo.length > 0) {
    const started = clock();
    const candidates = await candidatesWithExperienceSkills(todo, linker);
    await store.putRecords({ candidates });
    await store.setMeta(LINKED_EXPERIENCE, linker.modelId);
    ws.apply({ candidates });
    say(`linked the experience of ${candidates.filter((c) => c.experience.trim()).length} candidates in ${((clock() - started) / 1000).toFixed(1)} s`);
  }
}
