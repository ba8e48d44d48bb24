import { closeSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Neo4j Community has one user database, and the test files that use a shared `$NEO4J_URI` clear it.
 * Files run in parallel (vitest forks), so each such file takes this lock for the whole file: one
 * exclusive lock file per URI, holding the owner's pid. A lock left by a dead process is taken over.
 * Resolves with the release function.
 */
export async function lockNeo4jForTests(uri: string, timeoutMs = 1_200_000): Promise<() => void> {
  const path = join(tmpdir(), `skillgraph-neo4j-test-${uri.replace(/[^A-Za-z0-9]+/g, '_')}.lock`);
  const t0 = Date.now();
  for (;;) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => {
        try {
          if (readFileSync(path, 'utf8') === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(path, 'utf8'));
    } catch {
      continue; // released between our open and read
    }
    let alive = Number.isInteger(owner) && owner > 0;
    if (alive) {
      try {
        process.kill(owner, 0);
      } catch {
        alive = false;
      }
    }
    if (!alive) {
      try {
        unlinkSync(path);
      } catch {
        // someone else took it over first
      }
      continue;
    }
    if (Date.now() - t0 > timeoutMs) throw new Error(`Neo4j test lock ${path} held by pid ${owner} for over ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
