import { describe, expect, it } from 'vitest';
import type { Skill } from '../../taxonomy/model/types.ts';
import type { Embedder } from '../ports/embedder.ts';
import { MappingErrorCode } from './errors.ts';
import { mapSkills, sourceQueries } from './map-skills.ts';

/** A small deterministic fake beside the real-model test (the end-to-end test maps O*NET 29.2 onto ESCO with MiniLM): bag of word stems hashed into 64 dimensions. */
function bagOfWords(): Embedder {
  const dim = 64;
  return {
    modelId: 'bag-of-words',
    dimensions: dim,
    async embed(texts) {
      return texts.map((t) => {
        const v = new Float32Array(dim);
        for (const w of t.toLowerCase().match(/[a-z]+/g) ?? []) {
          const stem = w.slice(0, 5);
          let h = 7;
          for (const c of stem) h = (h * 31 + c.charCodeAt(0)) % 9973;
          v[h % dim]! += 1;
        }
        const n = Math.hypot(...v) || 1;
        return v.map((x) => x / n);
      });
    },
    async dispose() {},
  };
}

const skill = (id: string, label: string, source: Skill['source'], extra: Partial<Skill> = {}): Skill => ({
  id,
  source,
  preferredLabel: label,
  altLabels: [],
  hiddenLabels: [],
  description: '',
  skillType: 'skill/competence',
  reuseLevel: '',
  ...extra,
});

const esco = [
  skill('e:prog', 'computer programming', 'esco', { description: 'The techniques of software development such as coding and compiling.' }),
  skill('e:sheet', 'use spreadsheets software', 'esco', { altLabels: ['spreadsheet software', 'Microsoft Excel'] }),
  skill('e:listen', 'listen actively', 'esco', { altLabels: ['active listening'] }),
  skill('e:knives', 'handle knives', 'esco'),
];
const onet = [
  skill('onet:2.B.3.e', 'Programming', 'onet', { description: 'Writing computer programs for various purposes.' }),
  skill('onet:2.A.1.b', 'Active Listening', 'onet', { description: 'Giving full attention to what other people are saying.' }),
  skill('onet:tech:43232110', 'Spreadsheet software', 'onet', { skillType: 'knowledge', altLabels: ['Microsoft Excel', 'Google Sheets'] }),
];

describe('mapSkills', () => {
  it('maps O*NET elements and technology skills onto the ESCO skills they name', async () => {
    const out = await mapSkills(onet, esco, { embedder: bagOfWords() });
    const best = (from: string) => out.filter((m) => m.fromSkillId === from)[0];
    expect(best('onet:2.A.1.b')).toMatchObject({ toSkillId: 'e:listen', method: 'both' }); // "Active Listening" is an ESCO altLabel
    expect(best('onet:tech:43232110')).toMatchObject({ toSkillId: 'e:sheet', method: 'both' });
    expect(best('onet:2.B.3.e')?.toSkillId).toBe('e:prog');
    expect(out.every((m) => m.toSkillId !== 'e:knives')).toBe(true);
    expect(out.every((m) => m.confidence >= 0.6 && m.confidence <= 1)).toBe(true);
  });

  it('is deterministic and keeps at most topK targets per source', async () => {
    const a = await mapSkills(onet, esco, { embedder: bagOfWords() }, { topK: 1, minConfidence: 0 });
    const b = await mapSkills(onet, esco, { embedder: bagOfWords() }, { topK: 1, minConfidence: 0 });
    expect(a).toEqual(b);
    expect(new Set(a.map((m) => m.fromSkillId)).size).toBe(a.length);
  });

  it('embeds each source as its label, label + description, label + examples', () => {
    expect(sourceQueries(onet[2]!)).toEqual(['Spreadsheet software', 'Spreadsheet software: Microsoft Excel, Google Sheets']);
  });

  it('rejects bad options and an empty target taxonomy with coded errors', async () => {
    await expect(mapSkills(onet, esco, { embedder: bagOfWords() }, { topK: 0 })).rejects.toMatchObject({ code: MappingErrorCode.InvalidOption });
    await expect(mapSkills(onet, [], { embedder: bagOfWords() })).rejects.toMatchObject({ code: MappingErrorCode.NoTargetSkills });
  });
});
