import { describe, expect, it } from 'vitest';
import { cred } from '../recommend/test-fixtures.ts';
import { resolvePendingReferences, unresolvedReferences } from './pending-references.ts';

// Issue 15: prerequisites pointing into a credential file imported later were dropped.
describe('pending credential references', () => {
  it('keeps a reference to a credential not yet imported, and restores it when that credential arrives', () => {
    const advanced = cred('adv', ['py'], 100, 10, ['basic'], ['cert']);
    // first file: only the advanced course
    const first = unresolvedReferences([advanced], () => false);
    expect(first).toEqual({ adv: { requires: ['basic'], isPartOf: ['cert'] } });
    // second file: the basic course (the certificate is still missing)
    const stored = new Map([['adv', { ...advanced, requires: [], isPartOf: [] }]]);
    const known = (id: string) => id === 'adv' || id === 'basic';
    const { updates, pending } = resolvePendingReferences(first, known, {}, new Set(['basic']), (id) => stored.get(id));
    expect(updates).toHaveLength(1);
    expect(updates[0]).toMatchObject({ id: 'adv', requires: ['basic'], isPartOf: [] });
    expect(pending).toEqual({ adv: { requires: [], isPartOf: ['cert'] } });
  });

  it('lets a re-imported credential replace its pending references', () => {
    const { updates, pending } = resolvePendingReferences({ adv: { requires: ['basic'], isPartOf: [] } }, () => true, { adv: { requires: ['other'], isPartOf: [] } }, new Set(['adv']), () => undefined);
    expect(updates).toEqual([]);
    expect(pending).toEqual({ adv: { requires: ['other'], isPartOf: [] } });
  });
});
