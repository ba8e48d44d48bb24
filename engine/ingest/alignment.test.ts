import { describe, expect, it } from 'vitest';
import { alignmentToLink, escoSkillId, onetOccupationId, onetSkillId } from './alignment.ts';

describe('alignment ids', () => {
  it('escoSkillId canonicalises https and case; rejects occupations', () => {
    expect(escoSkillId('https://data.europa.eu/esco/skill/C8AC1986-38fa-43b2-89dc-50a4beeb420e')).toBe('http://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e');
    expect(escoSkillId('http://data.europa.eu/esco/occupation/c8ac1986-38fa-43b2-89dc-50a4beeb420e')).toBeNull();
  });

  it('onetSkillId accepts element ids, never SOC codes', () => {
    expect(onetSkillId('2.A.1.a')).toBe('onet:2.A.1.a');
    expect(onetSkillId('1.A.1.a.1')).toBe('onet:1.A.1.a.1');
    expect(onetSkillId('15-1252.00')).toBeNull();
    expect(onetOccupationId('15-1252')).toBe('onet:15-1252.00');
  });
});

describe('alignmentToLink', () => {
  const path = 'credentialSubject.achievement.alignment[2]';

  it('links an ESCO targetUrl with confidence 1 and the field path as provenance', () => {
    const r = alignmentToLink({ targetUrl: 'http://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e', targetName: 'electricity', targetType: 'ceasn:Competency' }, path, { requireSkillType: true });
    expect(r).toEqual({
      link: { skillId: 'http://data.europa.eu/esco/skill/c8ac1986-38fa-43b2-89dc-50a4beeb420e', confidence: 1, provenance: { kind: 'alignment', source: `${path}.targetUrl`, span: null } },
      customSkill: null,
    });
  });

  it('links an O*NET element targetCode in an O*NET framework to onet:<id>', () => {
    const r = alignmentToLink({ targetCode: '2.A.1.a', targetFramework: 'O*NET Content Model', targetName: 'Reading Comprehension', targetType: 'CFItem' }, path, { requireSkillType: true });
    expect(r?.link.skillId).toBe('onet:2.A.1.a');
    expect(r?.link.provenance.source).toBe(`${path}.targetCode`);
  });

  it('links an O*NET descriptor URL ending in an element id', () => {
    const r = alignmentToLink({ targetUrl: 'https://www.onetonline.org/find/descriptor/result/2.B.3.e', targetName: 'Programming', targetType: 'CFItem' }, path, { requireSkillType: true });
    expect(r?.link).toMatchObject({ skillId: 'onet:2.B.3.e', provenance: { source: `${path}.targetUrl` } });
    expect(r?.customSkill).toBeNull();
  });

  it('turns a CASE CFItem into a custom skill named by targetName', () => {
    const r = alignmentToLink({ targetUrl: 'https://case.example/uri/1', targetName: 'Robot Programming', targetType: 'CFItem' }, path, { requireSkillType: true });
    expect(r?.link.skillId).toBe('https://case.example/uri/1');
    expect(r?.customSkill).toMatchObject({ id: 'https://case.example/uri/1', source: 'custom', preferredLabel: 'Robot Programming' });
  });

  it('ignores credential, EQF and quality-assurance alignments', () => {
    for (const targetType of ['ceterms:Credential', 'ext:EQF', 'ext:QualityAssurance']) {
      expect(alignmentToLink({ targetUrl: 'https://x.example/1', targetName: 'x', targetType }, path, { requireSkillType: true })).toBeNull();
    }
  });
});
