/**
 * The Open Badges 3.0 achievement credential the verifier's tests sign and tamper with (unsigned: sign it with
 * `issueOb3Credential`): "Python Programming" from Example University, aligned to ESCO's Python skill. `overrides`
 * replace top-level fields.
 */
export function unsignedBadge(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
    id: 'urn:uuid:6f2bc2a4-1c1e-4a57-9c1e-0d6f1b7f1a01',
    type: ['VerifiableCredential', 'OpenBadgeCredential'],
    issuer: { type: ['Profile'], name: 'Example University' },
    validFrom: '2025-01-01T00:00:00Z',
    name: 'Python Programming',
    credentialSubject: {
      id: 'did:example:learner-1',
      type: ['AchievementSubject'],
      achievement: {
        id: 'https://example.edu/achievements/python',
        type: ['Achievement'],
        name: 'Python Programming',
        description: 'Writes and tests Python programs.',
        criteria: { narrative: 'Passed the final assessment.' },
        alignment: [{ type: ['Alignment'], targetName: 'Python (computer programming)', targetUrl: 'http://data.europa.eu/esco/skill/ccd0a1d9-afda-43d9-b901-96344886e14d', targetType: 'ceasn:Competency' }],
      },
    },
    ...overrides,
  };
}
