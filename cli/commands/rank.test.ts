import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'skillgraph-matching-'));
const db = join(tmp, 'sample.db');
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Runs the real bin against a real SQLite store holding the sample data. */
function cli(...args: string[]) {
  const r = spawnSync(process.execPath, [join(repo, 'cli', 'skillgraph.mjs'), ...args, '--db', db], {
    cwd: repo,
    encoding: 'utf8',
    env: { ...process.env, SKILLGRAPH_STORE: 'sqlite' },
    timeout: 120_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

beforeAll(() => {
  const r = cli('import', 'sample');
  expect(r.status, r.stderr).toBe(0);
});

describe('skillgraph rank / recommend / gaps on the sample store', () => {
  it('rank --role <stored role> --json gives a page of explained candidates', () => {
    const r = cli('rank', '--role', 'urn:sample:role:001', '--top', '3', '--json');
    expect(r.status, r.stderr).toBe(0);
    const page = JSON.parse(r.stdout);
    // the GraphQL names (issue 15): edges[].score, edges[].node.fit, totalCount, pageInfo.endCursor
    expect(page.edges).toHaveLength(3);
    expect(page.edges[0].score).toBeGreaterThanOrEqual(page.edges[1].score);
    expect(typeof page.edges[0].node.fit).toBe('number');
    expect(page.edges[0].node.requirements.length).toBe(page.role.requirements.length);
    expect(page.totalCount).toBeGreaterThan(3);
    expect(typeof page.pageInfo.endCursor).toBe('string');
    const next = JSON.parse(cli('rank', '--role', 'urn:sample:role:001', '--top', '3', '--json', '--cursor', page.pageInfo.endCursor).stdout);
    expect(next.edges[0].node.candidateId).not.toBe(page.edges[2].node.candidateId);
  });

  it('rank --role <ESCO occupation code> builds the profile from the occupation', () => {
    const r = cli('rank', '--role', '2512.4', '--top', '2', '--json');
    expect(r.status, r.stderr).toBe(0);
    const page = JSON.parse(r.stdout);
    expect(page.role.occupationId).toMatch(/esco\/occupation/);
    expect(page.role.requirements.every((q: { origins: string[] }) => q.origins.includes('esco'))).toBe(true);
  });

  it('rank with an unknown role fails with one line and exit code 2', () => {
    const r = cli('rank', '--role', 'no-such-role');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^skillgraph: NOT_FOUND: .*no-such-role/);
  });

  it('recommend respects the budget and prerequisites', () => {
    const r = cli('recommend', '--candidate', 'urn:sample:candidate:0377', '--role', 'urn:sample:role:001', '--budget', '300', '--json');
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.pathway.totalCost).toBeLessThanOrEqual(300); // GraphQL names: pathway = best within budget
    expect(out.pathway.reachedTarget).toBe(true); // the default target is reachable (issue 15)
    expect(out.next.length).toBeGreaterThan(0);
    expect(cli('recommend', '--candidate', 'nobody', '--role', 'urn:sample:role:001').status).toBe(2);
    expect(cli('recommend', '--candidate', 'urn:sample:candidate:0377', '--role', 'urn:sample:role:001', '--budget', '-1').status).toBe(2);
  });

  it('gaps --by skill|group|occupation|month --json returns k-anonymous rows', () => {
    for (const by of ['skill', 'group', 'occupation', 'month']) {
      const r = cli('gaps', '--by', by, '--json');
      expect(r.status, r.stderr).toBe(0);
      const out = JSON.parse(r.stdout);
      expect(out.by).toBe(by);
      expect(Array.isArray(out.cells)).toBe(true); // the GraphQL name (issue 15)
      for (const row of out.cells) if (row.suppressed) expect(row.supply).toBeNull();
    }
    expect(cli('gaps', '--by', 'planet').status).toBe(2);
  });
});
