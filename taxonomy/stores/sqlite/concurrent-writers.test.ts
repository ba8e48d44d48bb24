/**
 * Two processes writing one SQLite file at the same time (scripts/crash-child.ts `records`), each its own
 * credential batches. Neither corrupts nor loses data: with retries on retryable errors both writers' batches
 * are all present; without retries every failure is a retryable STORE_UNAVAILABLE and exactly the batches a
 * writer reported committed are present. `PRAGMA integrity_check` is ok in both cases.
 */
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkIntegrity, recordBatch, spawnChild, type Child } from '../../../scripts/crash-child.ts';
import type { Credential } from '../../model/types.ts';
import { fixtureRecords, fixtureTaxonomy } from '../contract/fixture.test-support.ts';
import { createSqliteStore } from './sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'skillgraph-concurrent-'));
const results: Record<string, string[]> = {};
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  const file = process.env['SKILLGRAPH_FUZZ_REPORT'];
  if (file) appendFileSync(file, `${JSON.stringify({ target: 'sqlite concurrent writers', outcomes: results })}\n`);
});

const BATCHES = 4;
const SIZE = 3000;

async function prepared(name: string): Promise<string> {
  const file = join(dir, name);
  const store = await createSqliteStore(file);
  await store.importTaxonomy(fixtureTaxonomy);
  await store.putRecords(fixtureRecords);
  await store.close();
  return file;
}

const writer = (file: string, prefix: string, seed: number, retry: boolean): Child =>
  spawnChild(['records', file, '--kind', 'credentials', '--prefix', prefix, '--seed', String(seed), '--batches', String(BATCHES), '--size', String(SIZE), ...(retry ? ['--retry'] : [])]);

const batchIds = (prefix: string, seed: number, i: number): string[] => (recordBatch('credentials', prefix, seed, i, SIZE).credentials ?? []).map((c) => c.id);

async function storedCredentials(file: string): Promise<Credential[]> {
  const store = await createSqliteStore(file);
  try {
    return await store.listCredentials();
  } finally {
    await store.close();
  }
}

describe('two processes writing one SQLite file', () => {
  it('putRecords from two writers at once (retrying retryable errors) → both writers’ batches all present, integrity ok', async () => {
    const file = await prepared('retry.db');
    const a = writer(file, 'urn:cw:a', 1, true);
    const b = writer(file, 'urn:cw:b', 2, true);
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect([ea, eb], `a: ${a.lines.slice(-2).join(' | ')}; b: ${b.lines.slice(-2).join(' | ')}`).toEqual([
      { code: 0, signal: null },
      { code: 0, signal: null },
    ]);
    const stored = new Set((await storedCredentials(file)).map((c) => c.id));
    for (const [prefix, seed] of [['urn:cw:a', 1], ['urn:cw:b', 2]] as const) {
      for (let i = 0; i < BATCHES; i++) for (const id of batchIds(prefix, seed, i)) expect(stored.has(id)).toBe(true);
    }
    expect(stored.size).toBe((fixtureRecords.credentials?.length ?? 0) + 2 * BATCHES * SIZE);
    expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
    (results['with retry'] ??= []).push(`${a.lines.at(-1)} / ${b.lines.at(-1)}`);
    // Regression B3 (docs/RELIABILITY.md): writes BEGIN IMMEDIATE, so a writer waits for the other (busy_timeout
    // 5 s, batches take well under 1 s) instead of failing at once on the read-to-write upgrade.
    expect([a.lines.at(-1), b.lines.at(-1)]).toEqual(['DONE retries=0 busy=0', 'DONE retries=0 busy=0']);
  }, 120_000);

  it('without retries every failed batch is a retryable STORE_UNAVAILABLE and exactly the reported batches are present', async () => {
    const file = await prepared('no-retry.db');
    const a = writer(file, 'urn:cw:c', 3, false);
    const b = writer(file, 'urn:cw:d', 4, false);
    await Promise.all([a.exited, b.exited]);
    const stored = new Set((await storedCredentials(file)).map((c) => c.id));
    for (const [w, prefix, seed] of [[a, 'urn:cw:c', 3], [b, 'urn:cw:d', 4]] as const) {
      const error = w.lines.find((l) => l.startsWith('ERROR'));
      if (error) expect(error).toMatch(/^ERROR STORE_UNAVAILABLE /);
      const committed = w.lines.filter((l) => l.startsWith('COMMITTED ')).length;
      for (let i = 0; i < BATCHES; i++) {
        const ids = batchIds(prefix, seed, i);
        // A batch is in the store entirely (committed) or not at all (the failed one and those never tried).
        expect(ids.every((id) => stored.has(id)), `${prefix} batch ${i}`).toBe(i < committed);
        expect(ids.some((id) => stored.has(id)), `${prefix} batch ${i}`).toBe(i < committed);
      }
      (results['without retry'] ??= []).push(error ? `${committed}/${BATCHES} then ${error.slice(0, 60)}` : `${committed}/${BATCHES}`);
    }
    expect(checkIntegrity(file)).toEqual({ integrity: 'ok', foreignKeyViolations: 0 });
  }, 120_000);
});
