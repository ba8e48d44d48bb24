import { describe, expect, it } from 'vitest';
import { loadEsco } from '../../taxonomy/loaders/esco.ts';
import { sharedPath } from '../../taxonomy/loaders/shared-path.ts';
import { createRoleSearch } from './search-roles.ts';

describe('createRoleSearch over ESCO v1.1.1 occupations', async () => {
  const esco = await loadEsco(sharedPath('datasets', 'esco-v1.1.1'));
  const search = createRoleSearch(esco.occupations);

  it('finds occupations by word prefixes, preferred labels first, and stored records beside them', () => {
    const hits = search.search('data ana', 5, [{ id: 'role:1', title: 'Data analyst (Berlin)', kind: 'role', source: 'org:a', code: '', altLabels: [] }]);
    expect(hits[0]).toMatchObject({ id: 'role:1', kind: 'role' });
    expect(hits.some((h) => h.kind === 'occupation' && h.title === 'data analyst')).toBe(true);
    expect(hits.every((h) => h.score > 0)).toBe(true);
  });

  it('matches alternative labels (saying which) and codes by prefix; is deterministic; empty query finds nothing', () => {
    const dev = search.search('software developer', 10);
    expect(dev.length).toBeGreaterThan(0);
    expect(search.search('2512.4', 3).every((h) => h.code.startsWith('2512.4'))).toBe(true);
    expect(search.search('software developer', 10)).toEqual(dev);
    expect(search.search('   ', 5)).toEqual([]);
    const alt = search.search('web developer', 10).find((h) => h.matched !== null);
    if (alt) expect(alt.matched!.toLowerCase()).toContain('web');
  });
});
