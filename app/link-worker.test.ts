import { describe, expect, it } from 'vitest';
import type { SkillLink } from '../taxonomy/model/types.ts';
import { linkJobs, type WorkerLinker } from './link-worker.ts';

/** A deterministic fake linker: one link per text, its skill id saying which kind of linker made it (the real pipeline is in cv-linking.test.ts). */
const link = (kind: string) => async (texts: readonly string[]): Promise<SkillLink[][]> => texts.map((t) => [{ skillId: `${kind}:${t}`, confidence: 1, provenance: { kind: 'text', source: t, span: [0, t.length] } }]);

describe('linkJobs (the link worker, issue 18)', () => {
  it("links candidates' experience with the CV linker, credentials with the course linker and postings with the default one, in job order", async () => {
    const linker: WorkerLinker = { modelId: 'm', linkMany: link('posting'), withKind: (kind) => ({ linkMany: link(kind) }) };
    const jobs = [
      { kind: 'postings' as const, text: 'a' },
      { kind: 'candidates' as const, text: 'b' },
      { kind: 'credentials' as const, text: 'c' },
      { kind: 'candidates' as const, text: 'd' },
    ];
    expect((await linkJobs(linker, jobs)).map((l) => l[0]!.skillId)).toEqual(['posting:a', 'cv:b', 'course:c', 'cv:d']);
  });

  it("passes each posting's stated occupation to the linker, as its import did; none when no job states one", async () => {
    const seen: unknown[] = [];
    const linker: WorkerLinker = { modelId: 'm', linkMany: async (texts, context) => (seen.push(context), link('posting')(texts)), withKind: (kind) => ({ linkMany: async (texts, context) => (seen.push(context), link(kind)(texts)) }) };
    await linkJobs(linker, [
      { kind: 'postings', text: 'a', occupationId: 'urn:occ:fitter' },
      { kind: 'candidates', text: 'b' },
      { kind: 'postings', text: 'c', occupationId: null },
    ]);
    expect(seen).toEqual([{ occupations: ['urn:occ:fitter', null] }, undefined]);
    seen.length = 0;
    await linkJobs(linker, [{ kind: 'postings', text: 'a', occupationId: null }]);
    expect(seen).toEqual([undefined]);
  });

  it('a linker with one kind links everything with it', async () => {
    const linker: WorkerLinker = { modelId: 'm', linkMany: link('posting') };
    expect((await linkJobs(linker, [{ kind: 'candidates', text: 'b' }, { kind: 'credentials', text: 'c' }])).map((l) => l[0]!.skillId)).toEqual(['posting:b', 'posting:c']);
  });
});
