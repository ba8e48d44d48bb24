import { describe, expect, it } from 'vitest';
import type { Award, Candidate, Credential, SkillLink } from '../../taxonomy/model/types.ts';
import { createProfileBuilder, DEFAULT_VERIFICATION_WEIGHTS, ProfileErrorCode, type ProfileInput } from './index.ts';

const NOW = '2026-01-01T00:00:00.000Z';
const PY = 'http://data.europa.eu/esco/skill/python';
const SQL = 'http://data.europa.eu/esco/skill/sql';

function link(skillId: string, confidence: number, source = 'alignment[0].targetUrl', kind: SkillLink['provenance']['kind'] = 'alignment'): SkillLink {
  return { skillId, confidence, provenance: { kind, source, span: null } };
}

function credential(id: string, skills: SkillLink[], issuerId = 'https://uni.example/issuer'): Credential {
  return {
    id, format: 'ob3', name: id, description: '', issuer: { id: issuerId, name: 'Uni' }, credentialType: 'badge',
    level: '', cost: null, hours: null, skills, requires: [], isPartOf: [],
  };
}

function award(id: string, credentialId: string, verification: Award['verification'], issuedOn = NOW, expiresOn: string | null = null, candidateId = 'c1'): Award {
  return { id, candidateId, credentialId, issuedOn, expiresOn, verification };
}

function candidate(claimedSkills: SkillLink[] = [], id = 'c1'): Candidate {
  return { id, name: 'Ada', sharedWith: [], claimedSkills, experience: '', location: '' };
}

function input(parts: Partial<ProfileInput>): ProfileInput {
  return { candidate: candidate(), awards: [], credentials: [], now: NOW, ...parts };
}

describe('createProfileBuilder', () => {
  it('rejects a bad option once, with its code, name and value', () => {
    const cases: Array<[object, string]> = [
      [{ halfLifeYears: -1 }, 'invalid halfLifeYears: -1'],
      [{ halfLifeYears: 0 }, 'invalid halfLifeYears: 0'],
      [{ combine: 'sum' }, 'invalid combine: "sum"'],
      [{ verificationWeights: { verified: 2 } }, 'invalid verificationWeights.verified: 2'],
      [{ verificationWeights: { trusted: 1 } }, 'invalid verificationWeights.trusted: 1'],
      [{ issuerTrust: { 'https://x': 1.5 } }, 'invalid issuerTrust["https://x"]: 1.5'],
      [{ defaultIssuerTrust: Number.NaN }, 'invalid defaultIssuerTrust: NaN'],
      [{ halfLife: 5 }, 'invalid halfLife: 5'],
    ];
    for (const [opts, message] of cases) {
      let thrown: unknown;
      try {
        createProfileBuilder(opts);
      } catch (error) {
        thrown = error;
      }
      expect(thrown, JSON.stringify(opts)).toMatchObject({ code: ProfileErrorCode.InvalidOption });
      expect((thrown as Error).message.startsWith(message), (thrown as Error).message).toBe(true);
    }
  });

  it('fills in the documented defaults', () => {
    const { options } = createProfileBuilder();
    expect(options.halfLifeYears).toBe(5);
    expect(options.combine).toBe('noisy-or');
    expect(options.verificationWeights).toEqual({
      verified: 1, 'hosted-verified': 0.9, unverified: 0.6, unverifiable: 0.5, 'self-claimed': 0.35, expired: 0.2, invalid: 0,
    });
    expect(DEFAULT_VERIFICATION_WEIGHTS.verified).toBeGreaterThan(DEFAULT_VERIFICATION_WEIGHTS['self-claimed']);
  });
});

describe('build', () => {
  const builder = createProfileBuilder();

  it('multiplies verification × issuer trust × recency × link confidence, and keeps every factor', () => {
    const trusted = createProfileBuilder({ issuerTrust: { 'https://uni.example/issuer': 0.8 } });
    const fiveYearsAgo = new Date(Date.parse(NOW) - 5 * 365.25 * 24 * 3600 * 1000).toISOString();
    const profile = trusted.build(input({
      awards: [award('a1', 'cr1', 'verified', fiveYearsAgo)],
      credentials: [credential('cr1', [link(PY, 0.9)])],
    }));
    const [e] = profile.skills.get(PY)?.evidence ?? [];
    expect(e?.factors).toEqual({ verification: 1, issuerTrust: 0.8, recency: expect.closeTo(0.5, 10), linkConfidence: 0.9 });
    expect(e?.confidence).toBeCloseTo(0.36, 10);
    expect(e).toMatchObject({ id: 'award:a1', kind: 'award', awardId: 'a1', credentialId: 'cr1', issuerId: 'https://uni.example/issuer', verification: 'verified', source: 'alignment[0].targetUrl' });
    expect(profile.skills.get(PY)?.strength).toBeCloseTo(0.36, 10);
  });

  it('ranks verified evidence above claimed evidence, even against many claimed mentions', () => {
    const verified = builder.build(input({ awards: [award('a1', 'cr1', 'verified')], credentials: [credential('cr1', [link(PY, 0.8)])] }));
    const claimed = builder.build(input({
      candidate: candidate([link(PY, 1, 'Python', 'claim')]),
      experienceLinks: [1, 2, 3, 4, 5].map((i) => link(PY, 1, `Sentence ${i} about Python.`, 'text')),
    }));
    expect(verified.skills.get(PY)?.strength).toBeCloseTo(0.8, 10);
    expect(claimed.skills.get(PY)?.strength).toBeCloseTo(0.35, 10);
    expect(verified.skills.get(PY)!.strength).toBeGreaterThan(claimed.skills.get(PY)!.strength);

    const both = builder.build(input({
      candidate: candidate([link(PY, 1, 'Python', 'claim')]),
      awards: [award('a1', 'cr1', 'verified')],
      credentials: [credential('cr1', [link(PY, 0.8)])],
    }));
    expect(both.skills.get(PY)?.evidence.map((e) => e.kind)).toEqual(['award', 'claim']);
  });

  it('treats an award past expiresOn as expired: expired weight, no further decay', () => {
    const profile = builder.build(input({
      awards: [award('a1', 'cr1', 'verified', '2015-01-01', '2020-01-01')],
      credentials: [credential('cr1', [link(PY, 1)])],
    }));
    const [e] = profile.skills.get(PY)!.evidence;
    expect(e?.verification).toBe('expired');
    expect(e?.factors).toMatchObject({ verification: 0.2, recency: 1 });
    expect(e?.confidence).toBeCloseTo(0.2, 10);
  });

  it('keeps invalid evidence in the chain at confidence 0, adding no strength', () => {
    const profile = builder.build(input({ awards: [award('a1', 'cr1', 'invalid', NOW, '2020-01-01')], credentials: [credential('cr1', [link(PY, 1)])] }));
    expect(profile.skills.get(PY)).toMatchObject({ strength: 0, evidence: [{ verification: 'invalid', confidence: 0 }] });
  });

  it('combines independent credentials by noisy-or, counts one credential earned twice once, and takes the max in max mode', () => {
    const parts = input({
      awards: [award('a1', 'cr1', 'verified'), award('a2', 'cr2', 'unverified'), award('a3', 'cr1', 'verified')],
      credentials: [credential('cr1', [link(PY, 0.5)]), credential('cr2', [link(PY, 0.5)])],
    });
    // cr1 best 0.5, cr2 0.6 × 0.5 = 0.3 → 1 − 0.5 × 0.7
    expect(builder.build(parts).skills.get(PY)?.strength).toBeCloseTo(0.65, 10);
    expect(createProfileBuilder({ combine: 'max' }).build(parts).skills.get(PY)?.strength).toBeCloseTo(0.5, 10);
  });

  it('orders evidence by confidence then id, and skills by strength then id', () => {
    const profile = builder.build(input({
      awards: [award('b', 'cr1', 'verified'), award('a', 'cr2', 'verified')],
      credentials: [credential('cr1', [link(PY, 0.7), link(SQL, 0.7)]), credential('cr2', [link(PY, 0.7), link(SQL, 0.7)])],
    }));
    expect([...profile.skills.keys()]).toEqual([PY, SQL]);
    expect(profile.skills.get(PY)?.evidence.map((e) => e.id)).toEqual(['award:a', 'award:b']);
  });

  it('keeps the best link when one credential links a skill twice', () => {
    const profile = builder.build(input({
      awards: [award('a1', 'cr1', 'verified')],
      credentials: [credential('cr1', [link(PY, 0.4, 'description'), link(PY, 0.9, 'alignment[1].targetUrl')])],
    }));
    expect(profile.skills.get(PY)?.evidence).toHaveLength(1);
    expect(profile.skills.get(PY)?.evidence[0]).toMatchObject({ linkConfidence: 0.9, source: 'alignment[1].targetUrl' });
  });

  it('returns identical profiles for the same input and for shuffled awards and credentials', () => {
    const awards = [award('a1', 'cr1', 'verified', '2020-05-01'), award('a2', 'cr2', 'hosted-verified', '2023-05-01'), award('a3', 'cr3', 'unverified', '2024-05-01')];
    const credentials = [credential('cr1', [link(PY, 0.9), link(SQL, 0.3)]), credential('cr2', [link(SQL, 0.8)]), credential('cr3', [link(PY, 0.5)], 'https://other.example')];
    const claims = [link(SQL, 0.9, 'SQL', 'claim')];
    const one = builder.build(input({ candidate: candidate(claims), awards, credentials }));
    const two = builder.build(input({ candidate: candidate(claims), awards, credentials }));
    const shuffled = builder.build(input({ candidate: candidate(claims), awards: [...awards].reverse(), credentials: new Map([...credentials].reverse().map((c) => [c.id, c])) }));
    const plain = (p: typeof one) => JSON.stringify([...p.skills.values()]);
    expect(plain(two)).toBe(plain(one));
    expect(plain(shuffled)).toBe(plain(one));
  });

  it('rejects bad input with one coded error naming the field', () => {
    const cr = [credential('cr1', [link(PY, 1)])];
    const cases: Array<[Partial<ProfileInput>, string, string]> = [
      [{ now: 'yesterday' }, ProfileErrorCode.InvalidInput, 'now'],
      [{ awards: [award('a1', 'cr1', 'verified', NOW, null, 'someone-else')], credentials: cr }, ProfileErrorCode.InvalidInput, 'awards[0].candidateId'],
      [{ awards: [award('a1', 'missing', 'verified')], credentials: cr }, ProfileErrorCode.UnknownCredential, 'awards[0].credentialId'],
      [{ awards: [award('a1', 'cr1', 'verified', 'soon')], credentials: cr }, ProfileErrorCode.InvalidInput, 'awards[0].issuedOn'],
      [{ awards: [award('a1', 'cr1', 'verified'), award('a1', 'cr1', 'verified')], credentials: cr }, ProfileErrorCode.InvalidInput, 'awards[1].id'],
      [{ experienceLinks: [link(PY, 1.5)] }, ProfileErrorCode.InvalidInput, 'experienceLinks[0].confidence'],
    ];
    for (const [parts, code, field] of cases) {
      expect(() => builder.build(input(parts)), field).toThrow(expect.objectContaining({ code, field }));
    }
  });
});
