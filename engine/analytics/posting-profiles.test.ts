import { describe, expect, it } from 'vitest';
import type { JobPosting } from '../../taxonomy/model/types.ts';
import { postingProfiles } from './posting-profiles.ts';

const link = (skillId: string, confidence = 0.9) => ({ skillId, confidence, provenance: { kind: 'text' as const, source: 's', span: null } });
const posting = (id: string, occupationId: string | null, title: string, skills: string[]): JobPosting => ({ id, title, description: '', organisationId: 'o', datePosted: '2026-01-01', occupationId, location: '', skills: skills.map((s) => link(s)) });

describe('postingProfiles', () => {
  it('groups postings by occupation (else title) and weights each skill by the share of the group asking for it', () => {
    const profiles = postingProfiles(
      [posting('1', 'occ:a', 'Analyst', ['s1', 's2']), posting('2', 'occ:a', 'Data analyst', ['s1']), posting('3', null, ' Baker ', ['s3']), posting('4', null, 'baker', ['s3', 's4']), posting('5', 'occ:x', 'Unknown occupation', [])],
      (id) => (id === 'occ:a' ? 'data analyst' : null),
      { top: 5 },
    );
    expect(profiles.map((p) => [p.id, p.title, p.postings])).toEqual([
      ['title:baker', 'Baker (2 postings)', 2],
      ['occupation:occ:a', 'data analyst (2 postings)', 2],
    ]);
    expect(profiles[1]!.requirements).toEqual([
      { skillId: 's1', weight: 1, essential: true },
      { skillId: 's2', weight: 0.5, essential: true },
    ]);
  });

  it('drops links below minConfidence and keeps only the top groups', () => {
    const low = { ...posting('1', null, 'A', []), skills: [link('s1', 0.2)] };
    expect(postingProfiles([low], () => null, { top: 3, minConfidence: 0.5 })).toEqual([]);
    expect(postingProfiles([posting('1', null, 'A', ['s']), posting('2', null, 'B', ['s']), posting('3', null, 'B', ['s'])], () => null, { top: 1 }).map((p) => p.id)).toEqual(['title:b']);
  });
});
