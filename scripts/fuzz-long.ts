/**
 * The long fuzz and crash run behind docs/RELIABILITY.md:
 *
 *   npx tsx scripts/fuzz-long.ts [--runs 20000] [--seed 1] [--crash 20] [--esco-crash 5] [--timeout-min 60] [--only <substring>]
 *
 * Reruns every `*.fuzz.test.ts` (and the SQLite crash / concurrent-writer tests) through Vitest with
 * SKILLGRAPH_FUZZ_RUNS (each property scales it by its own weight: cheap properties run `--runs` cases,
 * ones that write files or spawn processes a fraction), SKILLGRAPH_FUZZ_SEED, SKILLGRAPH_CRASH_ITERATIONS and
 * SKILLGRAPH_CRASH_ESCO_ITERATIONS, kills the run after `--timeout-min` (a hang is a failure), and prints one
 * table of cases and outcomes per target and property (the numbers for docs/RELIABILITY.md).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const FILES = [
  'engine/ingest/json-lenient.fuzz.test.ts',
  'engine/ingest/ingest.fuzz.test.ts',
  'taxonomy/loaders/esco.fuzz.test.ts',
  'taxonomy/loaders/onet.fuzz.test.ts',
  'taxonomy/loaders/crosswalk.fuzz.test.ts',
  'taxonomy/stores/sqlite/sqlite-store.fuzz.test.ts',
  'api/schema/mutations.fuzz.test.ts',
  'taxonomy/stores/sqlite/crash.test.ts',
  'taxonomy/stores/sqlite/concurrent-writers.test.ts',
];

interface Options {
  runs: number;
  seed: number;
  crash: number;
  escoCrash: number;
  timeoutMin: number;
  only: string | undefined;
}

function parseArgs(argv: readonly string[]): Options {
  const o: Options = { runs: 20_000, seed: 1, crash: 20, escoCrash: 5, timeoutMin: 60, only: undefined };
  const num = (name: string, raw: string | undefined): number => {
    const n = Number(raw);
    if (raw === undefined || !Number.isInteger(n) || n < 0) throw new Error(`invalid ${name}: ${raw}`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = argv[i + 1];
    if (arg === '--runs') o.runs = num(arg, value);
    else if (arg === '--seed') o.seed = num(arg, value);
    else if (arg === '--crash') o.crash = num(arg, value);
    else if (arg === '--esco-crash') o.escoCrash = num(arg, value);
    else if (arg === '--timeout-min') o.timeoutMin = num(arg, value);
    else if (arg === '--only' && value !== undefined) o.only = value;
    else throw new Error(`invalid option: ${arg}`);
    i++;
  }
  return o;
}

interface Report {
  target: string;
  seed?: number;
  outcomes: Record<string, Record<string, number> | string[]>;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const files = FILES.filter((f) => o.only === undefined || f.includes(o.only));
  const work = mkdtempSync(join(tmpdir(), 'skillgraph-fuzz-long-'));
  const reportFile = join(work, 'outcomes.jsonl');
  const started = Date.now();
  console.log(`fuzz-long: runs=${o.runs} seed=${o.seed} crash=${o.crash} esco-crash=${o.escoCrash} files=${files.length}`);

  const child = spawn(process.execPath, [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', ...files, '--reporter=verbose', '--testTimeout=0', '--hookTimeout=0', '--outputFile.json=/dev/null'], {
    cwd: repo,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: {
      ...process.env,
      SKILLGRAPH_FUZZ_RUNS: String(o.runs),
      SKILLGRAPH_FUZZ_SEED: String(o.seed),
      SKILLGRAPH_CRASH_ITERATIONS: String(o.crash),
      SKILLGRAPH_CRASH_ESCO_ITERATIONS: String(o.escoCrash),
      SKILLGRAPH_FUZZ_REPORT: reportFile,
    },
  });
  let timedOut = false;
  const watchdog = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, o.timeoutMin * 60_000);
  const code = await new Promise<number | null>((res) => child.on('exit', (c) => res(c)));
  clearTimeout(watchdog);

  const minutes = ((Date.now() - started) / 60_000).toFixed(1);
  console.log(`\n## fuzz-long results (runs=${o.runs}, seed=${o.seed}, crash=${o.crash}, esco-crash=${o.escoCrash}; ${minutes} min; vitest exit ${timedOut ? 'TIMEOUT (killed: a hang)' : code})\n`);
  console.log('| target | property | cases | outcomes |');
  console.log('|---|---|---:|---|');
  const reports = existsSync(reportFile) ? readFileSync(reportFile, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Report) : [];
  for (const r of reports) {
    for (const [property, t] of Object.entries(r.outcomes)) {
      if (Array.isArray(t)) {
        console.log(`| ${r.target} | ${property} | ${t.length} | ${t.join('; ')} |`);
        continue;
      }
      const cases = Object.values(t).reduce((a, b) => a + b, 0);
      const shown = Object.entries(t)
        .sort((a, b) => b[1] - a[1])
        .map(([k, v]) => `${k} ${v}`)
        .join(', ');
      console.log(`| ${r.target} | ${property} | ${cases} | ${shown} |`);
    }
  }
  rmSync(work, { recursive: true, force: true });
  process.exitCode = timedOut || code !== 0 ? 1 : 0;
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exitCode = 1;
});
