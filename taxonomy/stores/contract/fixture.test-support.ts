import type { RecordsBatch, TaxonomyData } from '../../model/types.ts';

/**
 * A small hand-built taxonomy for the store contract: label arrays whose order matters, padded and
 * non-ASCII labels, a skill with two parents (a group and a skill), knowledge groups with an empty
 * code, ESCO and O*NET occupations with null and non-null weights, a mapped and an unmapped crosswalk row.
 */
export const E = 'http://data.europa.eu/esco';

export const fixtureTaxonomy: TaxonomyData = {
  skills: [
    {
      id: `${E}/skill/python`,
      source: 'esco',
      preferredLabel: 'Python (computer programming)',
      altLabels: ['python', 'Python 3', 'Python (computer programming)'],
      hiddenLabels: ['py'],
      description: 'The techniques of software development in Python.',
      skillType: 'knowledge',
      reuseLevel: 'cross-sector',
    },
    {
      id: `${E}/skill/programming`,
      source: 'esco',
      preferredLabel: 'computer programming',
      altLabels: ['coding', 'application programming'],
      hiddenLabels: [],
      description: '',
      skillType: 'knowledge',
      reuseLevel: 'cross-sector',
    },
    {
      id: `${E}/skill/knives`,
      source: 'esco',
      preferredLabel: 'handle knives ',
      altLabels: [],
      hiddenLabels: [],
      description: 'Use knives, with care.\nSecond line.',
      skillType: 'skill/competence',
      reuseLevel: 'sector-specific',
    },
    {
      id: `${E}/skill/procurement`,
      source: 'esco',
      preferredLabel: '\u00a0procurement legislation',
      altLabels: ['Vergaberecht', 'législation des marchés publics'],
      hiddenLabels: ['procurement law', 'public procurement'],
      description: '',
      skillType: '',
      reuseLevel: '',
    },
    {
      id: 'onet:2.A.1.a',
      source: 'onet',
      preferredLabel: 'Reading Comprehension',
      altLabels: [],
      hiddenLabels: [],
      description: 'Understanding written sentences and paragraphs in work-related documents.',
      skillType: 'skill/competence',
      reuseLevel: '',
    },
  ],
  groups: [
    { id: `${E}/skill/S1`, source: 'esco', code: 'S1', preferredLabel: 'communication, collaboration and creativity', description: '' },
    { id: `${E}/isced-f/06`, source: 'esco', code: '', preferredLabel: 'information and communication technologies (icts)', description: 'ICT' },
    { id: `${E}/isced-f/0613`, source: 'esco', code: '', preferredLabel: 'software and applications development and analysis', description: '' },
  ],
  broader: [
    { childId: `${E}/isced-f/0613`, parentId: `${E}/isced-f/06` },
    { childId: `${E}/skill/programming`, parentId: `${E}/isced-f/0613` },
    { childId: `${E}/skill/python`, parentId: `${E}/skill/programming` },
    { childId: `${E}/skill/python`, parentId: `${E}/isced-f/0613` },
    { childId: `${E}/skill/knives`, parentId: `${E}/skill/S1` },
  ],
  skillRelations: [
    { fromId: `${E}/skill/python`, toId: `${E}/skill/programming`, relationType: 'essential' },
    { fromId: `${E}/skill/knives`, toId: `${E}/skill/procurement`, relationType: 'optional' },
  ],
  occupations: [
    {
      id: `${E}/isco/C2512`,
      source: 'esco',
      code: '2512',
      iscoGroup: '',
      preferredLabel: 'Software developers',
      altLabels: [],
      description: '',
      parentIds: [],
    },
    {
      id: `${E}/occupation/dev`,
      source: 'esco',
      code: '2512.4',
      iscoGroup: '2512',
      preferredLabel: 'software developer',
      altLabels: ['programmer', 'software engineer', 'coder'],
      description: 'Software developers implement software.',
      parentIds: [`${E}/isco/C2512`],
    },
    {
      id: 'onet:15-1252.00',
      source: 'onet',
      code: '15-1252.00',
      iscoGroup: '',
      preferredLabel: 'Software Developers',
      altLabels: [],
      description: 'Research, design, and develop computer and network software.',
      parentIds: [],
    },
  ],
  occupationSkills: [
    { occupationId: `${E}/occupation/dev`, skillId: `${E}/skill/python`, relationType: 'essential', importance: null, level: null },
    { occupationId: `${E}/occupation/dev`, skillId: `${E}/skill/procurement`, relationType: 'optional', importance: null, level: null },
    { occupationId: 'onet:15-1252.00', skillId: 'onet:2.A.1.a', relationType: 'essential', importance: 3.88, level: null },
    { occupationId: 'onet:15-1252.00', skillId: `${E}/skill/programming`, relationType: 'optional', importance: 4.12, level: 5.25 },
  ],
  crosswalk: [
    { escoOccupationId: `${E}/occupation/dev`, onetCode: '15-1252.00', confidence: 2, mapped: true },
    { escoOccupationId: `${E}/occupation/dev`, onetCode: '15-1132.00', confidence: 0.5, mapped: false },
  ],
  skillMappings: [{ fromSkillId: 'onet:2.A.1.a', toSkillId: `${E}/skill/programming`, confidence: 0.62, method: 'embedding' }],
};

const link = (skillId: string, confidence: number, kind: 'alignment' | 'text' | 'claim', source: string, span: [number, number] | null = null) => ({
  skillId,
  confidence,
  provenance: { kind, source, span },
});

/** One record of every kind, referencing the fixture taxonomy and each other. */
export const fixtureRecords: RecordsBatch = {
  credentials: [
    {
      id: 'urn:cred:intro-python',
      format: 'ob3',
      name: 'Intro to Python',
      description: 'Learn **Python**.',
      issuer: { id: 'urn:org:uni', name: 'Example University' },
      credentialType: 'badge',
      level: 'beginner',
      cost: null,
      hours: 12.5,
      skills: [link(`${E}/skill/python`, 1, 'alignment', 'alignment[0].targetUrl')],
      requires: [],
      isPartOf: ['urn:cred:dev-cert'],
    },
    {
      id: 'urn:cred:dev-cert',
      format: 'ctdl',
      name: 'Developer certificate',
      description: '',
      issuer: { id: 'urn:org:uni', name: 'Example University' },
      credentialType: 'certificate',
      level: 'intermediate',
      cost: 499.99,
      hours: null,
      skills: [link(`${E}/skill/programming`, 0.82, 'text', 'You will write programs.', [9, 23])],
      requires: ['urn:cred:intro-python'],
      isPartOf: [],
    },
  ],
  candidates: [
    {
      id: 'urn:cand:ada',
      name: 'Ada Ł.',
      sharedWith: ['urn:org:acme'],
      claimedSkills: [link(`${E}/skill/knives`, 0.5, 'claim', 'profile')],
      experience: 'Chef, then programmer.',
      location: 'Zürich',
    },
  ],
  awards: [
    { id: 'urn:award:1', candidateId: 'urn:cand:ada', credentialId: 'urn:cred:intro-python', issuedOn: '2025-03-01', expiresOn: null, verification: 'verified' },
  ],
  postings: [
    {
      id: 'urn:post:1',
      title: 'Junior developer',
      description: 'We need Python.',
      organisationId: 'urn:org:acme',
      datePosted: '2026-01-15',
      occupationId: `${E}/occupation/dev`,
      location: 'Remote',
      skills: [link(`${E}/skill/python`, 0.91, 'text', 'We need Python.', [8, 14])],
    },
  ],
  roles: [
    {
      id: 'urn:role:1',
      title: 'Junior developer',
      organisationId: 'urn:org:acme',
      postingId: 'urn:post:1',
      occupationId: null,
      requirements: [
        { skillId: `${E}/skill/python`, weight: 2, essential: true },
        { skillId: 'onet:2.A.1.a', weight: 0.5, essential: false },
      ],
    },
  ],
};
