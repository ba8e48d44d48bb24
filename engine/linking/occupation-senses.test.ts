import { describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import type { Occupation, OccupationSkill, Skill, TaxonomyData } from '../../taxonomy/model/types.ts';
import { skillPriors } from './features.ts';
import { buildLexicalIndex } from './lexical-index.ts';
import { createLinker } from './link-text.ts';
import { realModelIndex } from './real-model.test-support.ts';
import { namesItself, occupationSenses, SENSE_FACTOR, senseConflict, titleOccupation } from './occupation-senses.ts';

const skill = (n: number, preferredLabel: string): Skill => ({ id: `s${n}`, source: 'esco', preferredLabel, altLabels: [], hiddenLabels: [], description: '', skillType: 'skill/competence', reuseLevel: '' });
const occ = (n: number, preferredLabel: string, code: string, altLabels: string[] = []): Occupation => ({ id: `o${n}`, source: 'esco', code, iscoGroup: code.slice(0, 4), preferredLabel, altLabels, description: '', parentIds: [] });
const rel = (o: number, s: number): OccupationSkill => ({ occupationId: `o${o}`, skillId: `s${s}`, relationType: 'essential', importance: null, level: null });

describe('occupationSenses (small fake taxonomy)', () => {
  const skills = [skill(0, 'Assembly (computer programming)'), skill(1, 'assemble machines'), skill(2, 'teamwork')];
  const occupations = [occ(0, 'fitter and turner', '7223.7'), occ(1, 'software developer', '2512.4'), occ(2, 'tyre fitter', '7231.7', ['fitter and turner', 'wheel fitter']), occ(3, 'web developer', '2513.5')];
  const senses = occupationSenses(skills, occupations, [rel(1, 0), rel(3, 0), rel(0, 1), rel(0, 2), rel(1, 2)]);

  it('reads a title as the occupation whose preferred label it is, gender markers and a seniority word aside', () => {
    expect(titleOccupation(senses, 'Fitter and Turner')).toBe(0);
    expect(titleOccupation(senses, 'Senior Software Developer (m/w/d)')).toBe(1);
    expect(titleOccupation(senses, 'Wheel Fitter')).toBe(2);
    expect(titleOccupation(senses, 'Fitter and Turner needed urgently for our plant in the north of the country')).toBeNull();
  });

  it("flags a skill only other sectors' occupations hold, never one the occupation holds", () => {
    expect(senseConflict(senses, 0, 0)).toBe(true); // programming language in a trades posting
    expect(senseConflict(senses, 1, 0)).toBe(false);
    expect(senseConflict(senses, 0, 2)).toBe(false); // held by the fitter itself
    expect(senseConflict(senses, 1, 1)).toBe(true);
  });
});

describe('namesItself (a word that is the skill\'s own name has no other sense to be in)', () => {
  const competence = (preferredLabel: string) => ({ preferredLabel, skillType: 'skill/competence' });
  const knowledge = (preferredLabel: string) => ({ preferredLabel, skillType: 'knowledge' });
  it('the preferred label itself, or for an activity a word of it or its gerund', () => {
    expect(namesItself('Communication', knowledge('communication'))).toBe(true);
    expect(namesItself('clean', competence('conduct cleaning tasks'))).toBe(true);
    expect(namesItself('plan', competence('planning of shifts'))).toBe(true);
    expect(namesItself('cleaning', competence('conduct cleaning tasks'))).toBe(true);
  });
  it('not an alternative or hidden name, a parenthesised homonym, or a word of a knowledge concept\'s label', () => {
    expect(namesItself('Security', knowledge('securities'))).toBe(false);
    expect(namesItself('equipment', competence('compile airport certification manuals'))).toBe(false);
    expect(namesItself('Assembly', knowledge('Assembly (computer programming)'))).toBe(false);
    expect(namesItself('Engineering', knowledge('packaging engineering'))).toBe(false);
  });
});

/** Real model over the ESCO skills of the fitter-and-turner occupation plus the programming languages: issue 18's sense error. */
describe('createLinker with occupation senses (real model, ESCO v1.1.1)', () => {
  let esco: TaxonomyData;
  const real = realModelIndex(async () => {
    esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
    const fitter = esco.occupations.find((o) => o.preferredLabel === 'fitter and turner')!;
    const held = new Set(esco.occupationSkills.filter((r) => r.occupationId === fitter.id).map((r) => r.skillId));
    return esco.skills.filter((s) => held.has(s.id) || /\(computer programming\)/.test(s.preferredLabel) || /^assembl/i.test(s.preferredLabel) || s.preferredLabel === 'conduct cleaning tasks');
  });

  it('a "Fitter and Turner" posting does not link "assembly" to the programming language; without the title it does', async () => {
    const { skills, index, embedder } = real;
    const lexical = buildLexicalIndex(skills);
    const priors = skillPriors(skills, esco.occupationSkills, { occupations: esco.occupations });
    const plain = createLinker({ index, lexical, embedder, priors: skillPriors(skills, esco.occupationSkills) });
    const sensed = createLinker({ index, lexical, embedder, priors });
    // "Assembly" written as a name (capitalised mid-sentence): the language's name label counts (name-labels.ts), so only the sense can tell.
    const text = 'Fitter and Turner\nSkilled in Assembly of machine parts and operating lathes.';
    const labels = async (l: typeof plain, t: string) => (await l.link(t)).map((r) => r.label);
    expect(await labels(plain, text)).toContain('Assembly (computer programming)');
    expect(await labels(sensed, text)).not.toContain('Assembly (computer programming)');
    // No title line, no occupation: the linker cannot tell the sense and keeps the link.
    expect(await labels(sensed, 'Skilled in Assembly of machine parts and operating lathes.')).toContain('Assembly (computer programming)');
    // Written as the ordinary word, "assembly" is no name: no link to the language, title or not.
    expect(await labels(sensed, 'Carry out assembly of machine parts and operate lathes.')).not.toContain('Assembly (computer programming)');
    // Only the conflicting link is down-weighted (by SENSE_FACTOR); the trade's own skills keep their confidence.
    const all = async (p: typeof priors) => new Map((await createLinker({ index, lexical, embedder, priors: p, threshold: 0 }).link(text)).map((r) => [r.label, r.confidence]));
    const [a, b] = [await all(skillPriors(skills, esco.occupationSkills)), await all(priors)];
    expect(b.get('Assembly (computer programming)') ?? 0).toBeLessThan(a.get('Assembly (computer programming)')! * SENSE_FACTOR + 1e-9);
    const own = [...a.keys()].filter((l) => /lathe|assemble|machine/i.test(l) && !/computer/.test(l));
    expect(own.length).toBeGreaterThan(0);
    for (const l of own) expect(b.get(l)).toBeCloseTo(a.get(l)!, 6);
  }, 120_000);

  it('keeps a one-word link that is the skill\'s own name ("clean" → conduct cleaning tasks) though other sectors hold the skill', async () => {
    const { skills, index, embedder } = real;
    const lexical = buildLexicalIndex(skills);
    const priors = skillPriors(skills, esco.occupationSkills, { occupations: esco.occupations });
    const text = 'Fitter and Turner\nClean machine parts and work areas.';
    const cleaning = skills.findIndex((s) => s.preferredLabel === 'conduct cleaning tasks');
    // The rule's sector test alone would cut it: the fitter does not hold it and its holders are in other ISCO groups.
    expect(senseConflict(priors.senses!, titleOccupation(priors.senses!, 'Fitter and Turner')!, cleaning)).toBe(true);
    const all = async (p: typeof priors) => (await createLinker({ index, lexical, embedder, priors: p, threshold: 0 }).link(text)).find((r) => r.label === 'conduct cleaning tasks');
    const [a, b] = [await all(skillPriors(skills, esco.occupationSkills)), await all(priors)];
    expect(a?.phrase.toLowerCase()).toBe('clean');
    expect(a!.confidence).toBeGreaterThanOrEqual(0.3);
    expect(b!.confidence).toBeCloseTo(a!.confidence, 6);
  }, 120_000);

  it('reads a text in its stated occupation\'s sense (linkMany occupations), which wins over the title line', async () => {
    const { skills, index, embedder } = real;
    const lexical = buildLexicalIndex(skills);
    const priors = skillPriors(skills, esco.occupationSkills, { occupations: esco.occupations });
    const sensed = createLinker({ index, lexical, embedder, priors });
    const fitter = esco.occupations.find((o) => o.preferredLabel === 'fitter and turner')!.id;
    const developer = esco.occupations.find((o) => o.preferredLabel === 'software developer')!.id;
    const body = 'Skilled in Assembly of machine parts and operating lathes.';
    const labels = (links: readonly { label: string }[]) => links.map((r) => r.label);
    const [none, stated, unknown] = await sensed.linkMany([body, body, body], { occupations: [null, fitter, 'urn:not-an-occupation'] });
    expect(labels(none!)).toContain('Assembly (computer programming)');
    expect(labels(stated!)).not.toContain('Assembly (computer programming)');
    expect(unknown).toEqual(none);
    // The same text under a title line naming the fitter, but stated as a software developer's: the stated one counts.
    const [asDeveloper] = await sensed.linkMany([`Fitter and Turner\n${body}`], { occupations: [developer] });
    expect(labels(asDeveloper!)).toContain('Assembly (computer programming)');
    await expect(sensed.linkMany([body], { occupations: [fitter, fitter] })).rejects.toThrow(/^invalid occupations/);
  }, 120_000);
});
