import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEsco } from '../taxonomy/loaders/esco.ts';
import { sharedPath } from '../taxonomy/loaders/shared-path.ts';
import type { Candidate, Credential, Skill } from '../taxonomy/model/types.ts';
import type { GraphStore } from '../taxonomy/stores/graph-store.ts';
import { createSqliteStore } from '../taxonomy/stores/sqlite/sqlite-store.ts';
import { SkillGraph } from '../taxonomy/model/skill-graph.ts';
import type { TaxonomyData } from '../taxonomy/model/types.ts';
import { candidatesWithExperienceSkills } from './document-skills.ts';
import { tagLinks } from './import-credentials.ts';
import { createModelLinker, type ModelLinker } from './linking-pipeline.ts';

/**
 * Issue 18: a CV's experience text is linked as CV text — its own calibration and inflected verbs read in the
 * labels' base form — wherever candidates are linked (import, upsert, start-up/queue linking all go through
 * `candidatesWithExperienceSkills`). Real model, ESCO v1.1.1's data skills.
 */
let store: GraphStore;
let linker: ModelLinker;
let skills: Skill[];
let esco: TaxonomyData;
beforeAll(async () => {
  esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  skills = esco.skills.filter((s) => /\bdata\b|\bclean|statistic/i.test(s.preferredLabel)).slice(0, 400);
  store = await createSqliteStore(':memory:');
  linker = await createModelLinker(store, skills, { occupationSkills: esco.occupationSkills, occupations: esco.occupations, linkThreads: 0, threshold: 0 });
}, 300_000);
afterAll(async () => {
  await linker?.dispose();
  await store?.close();
});

describe('CV text through the app', () => {
  it('withKind("cv") reads "Cleaned data" as "clean data": "perform data cleansing" gains score over the posting linker', async () => {
    const id = skills.find((s) => s.preferredLabel === 'perform data cleansing')!.id;
    const cv = linker.withKind!('cv');
    expect(linker.withKind!('posting')).toBe(linker);
    // The fused score (the kinds' calibrations differ since the per-kind refit, so confidences are not comparable across kinds).
    const score = async (l: Pick<ModelLinker, 'link'>) => (await l.link('Cleaned data')).find((x) => x.skillId === id)?.parts['fused'] ?? 0;
    expect(await score(cv)).toBeGreaterThan(await score(linker));
  }, 120_000);

  it("a candidate's experience is linked with the CV linker", async () => {
    const candidate: Candidate = { id: 'c1', name: 'A. Analyst', sharedWith: [], claimedSkills: [], experience: 'Cleaned data and built statistical reports.', location: '' };
    const [out] = await candidatesWithExperienceSkills([candidate], linker);
    const viaCv = (await linker.withKind!('cv').linkMany([candidate.experience]))[0]!;
    expect(out!.experienceSkills!.map((l) => [l.skillId, l.confidence])).toEqual(viaCv.map((l) => [l.skillId, l.confidence]));
    expect(viaCv.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('course text through the app', () => {
  it("a credential's name and description are linked with the course linker (import and API upsert go through tagLinks)", async () => {
    const credential: Credential = {
      id: 'urn:course:data-1',
      format: 'catalogue',
      name: 'Data cleaning with Python',
      description: 'Learners clean data sets, detect corrupt records and normalise data for statistical analysis.',
      issuer: { id: 'urn:issuer:1', name: 'Issuer' },
      credentialType: 'course',
      level: '',
      cost: null,
      hours: null,
      skills: [],
      requires: [],
      isPartOf: [],
    };
    const graph = SkillGraph.fromData({ ...esco, skills });
    const got = (await tagLinks([{ credential, skillTags: [], requiredSkillIds: [] }], graph, linker)).get(credential.id)!;
    const text = `${credential.name}\n${credential.description}`;
    const asCourse = (await linker.withKind!('course').linkMany([text]))[0]!;
    const asPosting = (await linker.linkMany([text]))[0]!;
    expect(got.map((l) => [l.skillId, l.confidence])).toEqual(asCourse.map((l) => [l.skillId, l.confidence]));
    expect(asCourse.length).toBeGreaterThan(0);
    // The course calibration, not the posting one.
    expect(asCourse.map((l) => l.confidence)).not.toEqual(asPosting.map((l) => l.confidence));
  }, 120_000);
});
