import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from './open-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'skillgraph-open-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('openStore', () => {
  it('openStore({ file }) creates the folder and opens a SQLite store there', async () => {
    const file = join(dir, 'nested', 'a.db');
    const store = await openStore({ kind: 'sqlite', file });
    expect(store.kind).toBe('sqlite');
    await store.close();
    expect(existsSync(file)).toBe(true);
  });

  it('openStore({ create: false }) on a missing file rejects with STORE_UNAVAILABLE and creates nothing', async () => {
    const file = join(dir, 'missing', 'b.db');
    await expect(openStore({ kind: 'sqlite', file, create: false })).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
    expect(existsSync(join(dir, 'missing'))).toBe(false);
  });

  it('openStore with an unknown kind rejects with INVALID_VALUE naming the option', async () => {
    await expect(openStore({ kind: 'oracle' as 'sqlite' })).rejects.toMatchObject({ code: 'INVALID_VALUE', message: 'field kind: invalid kind: "oracle"' });
  });
});
