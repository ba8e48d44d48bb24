import { describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import { evalLinking, linkingQueries } from './eval-linking.ts';

const skill = (id: string, preferredLabel: string): Skill => ({
  id, source: 'esco', preferredLabel, altLabels: [], hiddenLabels: [], description: '', skillType: '', reuseLevel: '',
});
const skills = [skill('s1', 'handle knives '), skill('s2', 'Java (computer programming)'), skill('s3', 'handle knives'), skill('s4', 'JavaScript')];

describe('linkingQueries', () => {
  it('linkingQueries() matches labels verbatim (padding included) and drops non-target labels', () => {
    const q = linkingQueries(
      [
        { sentence: 'Knife skills', label: 'handle knives ' },
        { sentence: 'Knife skills', label: 'handle knives ' },
        { sentence: 'js java', label: 'JavaScript' },
        { sentence: 'js java', label: 'LABEL NOT PRESENT' },
        { sentence: 'vague', label: 'UNDERSPECIFIED' },
      ],
      skills,
    );
    expect(q.map((x) => [x.sentence, [...x.relevant]])).toEqual([['Knife skills', ['s1']], ['js java', ['s4']]]);
    expect(() => linkingQueries([{ sentence: 'x', label: 'no such label' }], skills)).toThrow(expect.objectContaining({ code: 'UNKNOWN_LABEL' }));
  });

  it('evalLinking() averages RP@k and MRR over sentences', async () => {
    const rows = [
      { sentence: 'a', label: 'JavaScript' },
      { sentence: 'a', label: 'Java (computer programming)' },
      { sentence: 'b', label: 'handle knives ' },
    ];
    // a: ranked s4, s3, s2 -> RP@1 1, RP@5 2/2, RR 1;  b: ranked s3, s1 -> RP@1 0, RP@5 1, RR 1/2
    const m = await evalLinking(rows, skills, async (s) => (s === 'a' ? ['s4', 's3', 's2', 's1'] : ['s3', 's1', 's2', 's4']));
    expect(m).toEqual({ queries: 2, pairs: 3, rp1: 0.5, rp5: 1, rp10: 1, mrr: 0.75 });
  });
});
