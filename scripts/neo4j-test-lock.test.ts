import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lockNeo4jForTests } from './neo4j-test-lock.ts';

describe('lockNeo4jForTests', () => {
  it('a second lock on the same URI waits until the first is released', async () => {
    const uri = `bolt://lock-test-${process.pid}:1`;
    const release = await lockNeo4jForTests(uri);
    let second = false;
    const waiting = lockNeo4jForTests(uri).then((r) => {
      second = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 600));
    expect(second).toBe(false);
    release();
    (await waiting)();
    expect(second).toBe(true);
  });

  it('a lock left by a dead process is taken over', async () => {
    const uri = `bolt://lock-test-dead-${process.pid}:1`;
    writeFileSync(join(tmpdir(), `skillgraph-neo4j-test-${uri.replace(/[^A-Za-z0-9]+/g, '_')}.lock`), '999999999');
    const release = await lockNeo4jForTests(uri, 2_000);
    release();
  });
});
