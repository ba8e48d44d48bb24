import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { TaxonomyError } from '../../model/errors.ts';
import { fixtureRecords, fixtureTaxonomy } from '../contract/fixture.test-support.ts';
import { runStoreContract } from '../contract/store-contract.test-support.ts';
import { createSqliteStore } from './sqlite-store.ts';
import { SCHEMA_VERSION, SCHEMA_VERSION_KEY } from './schema.ts';

const dir = mkdtempSync(join(tmpdir(), 'skillgraph-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshFile = (): string => join(dir, `store-${n++}.db`);

runStoreContract('sqlite :memory:', () => createSqliteStore(':memory:'));
runStoreContract('sqlite file (WAL)', () => createSqliteStore(freshFile()));

describe('createSqliteStore', () => {
  it('createSqliteStore(file) uses WAL and records the schema version', async () => {
    const file = freshFile();
    const store = await createSqliteStore(file);
    expect(await store.getMeta(SCHEMA_VERSION_KEY)).toBe(String(SCHEMA_VERSION));
    await store.close();
    const db = new Database(file, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.close();
  });

  it('createSqliteStore(file) reopens what an earlier connection wrote', async () => {
    const file = freshFile();
    const first = await createSqliteStore(file);
    await first.importTaxonomy(fixtureTaxonomy);
    await first.putRecords(fixtureRecords);
    const stats = await first.stats();
    await first.close();
    const second = await createSqliteStore(file);
    expect(await second.stats()).toEqual(stats);
    await second.close();
  });

  it('createSqliteStore rejects a database with a newer schema with STORE_CONFLICT', async () => {
    const file = freshFile();
    const store = await createSqliteStore(file);
    await store.setMeta(SCHEMA_VERSION_KEY, String(SCHEMA_VERSION + 1));
    await store.close();
    await expect(createSqliteStore(file)).rejects.toMatchObject({ code: 'STORE_CONFLICT' });
  });

  it('createSqliteStore on a missing folder rejects with STORE_UNAVAILABLE', async () => {
    await expect(createSqliteStore(join(dir, 'no', 'such', 'x.db'))).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: false });
  });

  it('a write while another connection holds the write lock rejects retryable STORE_UNAVAILABLE and leaves the store unchanged', async () => {
    const file = freshFile();
    const store = await createSqliteStore(file);
    const other = new Database(file);
    other.pragma('busy_timeout = 0');
    other.exec('BEGIN IMMEDIATE');
    const started = Date.now();
    const err = await store.setMeta('k', 'v').catch((e: unknown) => e);
    other.exec('ROLLBACK');
    other.close();
    expect(err).toBeInstanceOf(TaxonomyError);
    expect(err).toMatchObject({ code: 'STORE_UNAVAILABLE', retryable: true });
    expect(Date.now() - started).toBeGreaterThanOrEqual(4000);
    expect(await store.getMeta('k')).toBeNull();
    await store.close();
  }, 20_000);

  it('calls after close reject with STORE_UNAVAILABLE', async () => {
    const store = await createSqliteStore(':memory:');
    await store.close();
    await expect(store.stats()).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE' });
  });
});
