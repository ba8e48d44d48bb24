import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { localOperator } from '../../app/principal.ts';
import { openFolderStore, type FolderStore } from '../../engine/adapters/verify-store/folder-store.ts';
import type { VerifyReport } from '../../engine/verify/report.ts';
import { printJson } from '../lib/print-json.ts';
import { UsageError } from '../lib/usage-error.ts';

interface VerifyOptions {
  readonly json?: boolean;
  readonly store?: string;
  readonly now?: string;
}

/** `--store`, else `$SKILLGRAPH_VERIFY_STORE`, else none (status lists then stay 'unknown'). */
function storeOf(dir: string | undefined): FolderStore | undefined {
  const path = dir ?? process.env['SKILLGRAPH_VERIFY_STORE'];
  return path ? openFolderStore(path) : undefined;
}

function readInput(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) return text;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new UsageError(`${file}: neither JSON nor a compact VC-JWT (${(error as Error).message})`);
  }
}

function printText(file: string, report: VerifyReport): void {
  process.stdout.write(`${file}: ${report.status}\n`);
  for (const doc of report.documents) {
    process.stdout.write(`  ${doc.where || '(document)'}: ${doc.status}${doc.issuer ? ` (issuer ${doc.issuer})` : ''}\n`);
    for (const c of doc.checks) process.stdout.write(`    ${c.name.padEnd(6)} ${c.result.padEnd(7)} ${c.reason}\n`);
  }
}

/**
 * `skillgraph verify <file…>`: verifies credentials offline (proof and dates, then status from the
 * verification store, then the issuer binding). `--json` prints `{ file, status, checkedAt, documents }`
 * with `status` one of verified | invalid | expired | not-yet-valid | revoked | unverifiable. Exit code 0
 * when every file is verified, 3 otherwise. `skillgraph verify-store add|fetch` fills the store.
 */
export function register(program: Command): void {
  program
    .command('verify <files...>')
    .description('verify credentials offline: OB 3.0 / CLR 2.0 / VC (eddsa-rdfc-2022, Ed25519Signature2020, VC-JWT), presentations unwrapped')
    .option('--json', 'print JSON (one object per file; an array for several files)')
    .option('--store <dir>', 'verification store (status lists, issuer keys); default $SKILLGRAPH_VERIFY_STORE')
    .option('--now <iso>', 'check validity at this instant instead of the current time')
    .action(async (files: string[], opts: VerifyOptions) => {
      const now = opts.now === undefined ? new Date() : new Date(opts.now);
      if (Number.isNaN(now.getTime())) throw new UsageError(`invalid --now: ${opts.now} (expected an ISO 8601 instant)`);
      // Loaded here, not with the CLI: the verifier's JSON-LD, signature and HTTP stack costs every other command's start-up ~0.3 CPU-s.
      const { createVerifier, verifyCredential } = await import('../../app/verify-credential.ts');
      const verifier = createVerifier(opts.store ?? process.env['SKILLGRAPH_VERIFY_STORE']);
      const reports: Array<{ file: string } & VerifyReport> = [];
      for (const file of files) reports.push({ file, ...(await verifyCredential({ verifier }, localOperator, readInput(file), now)) });
      if (opts.json) printJson(reports.length === 1 ? reports[0] : reports);
      else for (const r of reports) printText(r.file, r);
      if (reports.some((r) => r.status !== 'verified')) process.exitCode = 3;
    });

  const store = program.command('verify-store').description('fill the offline verification store (status lists, issuer keys)');
  store
    .command('add <files...>')
    .description('add status list credentials / revocation lists and public verification methods or DID documents')
    .option('--as <url>', 'the URL credentials name this status list with (default: its id)')
    .option('--store <dir>', 'verification store; default $SKILLGRAPH_VERIFY_STORE')
    .option('--json', 'print JSON')
    .action((files: string[], opts: { as?: string; store?: string; json?: boolean }) => {
      const target = storeOf(opts.store);
      if (!target) throw new UsageError('no verification store: give --store <dir> or set SKILLGRAPH_VERIFY_STORE');
      if (opts.as !== undefined && files.length !== 1) throw new UsageError('--as names one status list: give exactly one file');
      const added = [];
      for (const file of files) {
        const doc = readInput(file);
        try {
          added.push(...target.add(doc, opts.as).map((a) => ({ file, ...a })));
        } catch (error) {
          throw new UsageError(`${file}: ${(error as Error).message}`);
        }
      }
      if (opts.json) printJson(added);
      else for (const a of added) process.stdout.write(`${a.kind}\t${a.key}\t${a.file}\n`);
    });
  store
    .command('fetch <urls...>')
    .description('fetch status lists / key documents from allow-listed hosts into the store (the only network use of verification)')
    .requiredOption('--allow-host <hosts...>', 'hosts that may be contacted (exact host names)')
    .option('--store <dir>', 'verification store; default $SKILLGRAPH_VERIFY_STORE')
    .option('--json', 'print JSON')
    .action(async (urls: string[], opts: { allowHost: string[]; store?: string; json?: boolean }) => {
      const target = storeOf(opts.store);
      if (!target) throw new UsageError('no verification store: give --store <dir> or set SKILLGRAPH_VERIFY_STORE');
      const allowed = new Set(opts.allowHost.map((h) => h.toLowerCase()));
      for (const url of urls) {
        let parsed: URL;
        try {
          parsed = new URL(url);
        } catch {
          throw new UsageError(`not a URL: ${url}`);
        }
        if (parsed.protocol !== 'https:') throw new UsageError(`${url}: only https URLs are fetched`);
        if (!allowed.has(parsed.hostname.toLowerCase())) throw new UsageError(`${url}: host ${parsed.hostname} is not in --allow-host`);
      }
      const added = [];
      for (const url of urls) {
        const response = await fetch(url, { headers: { accept: 'application/vc+ld+json, application/ld+json, application/json' }, redirect: 'error' });
        if (!response.ok) throw new UsageError(`${url}: HTTP ${response.status}`);
        const text = (await response.text()).trim();
        if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/.test(text)) throw new UsageError(`${url}: a JWT-secured status list; only JSON-LD status lists are stored so far`);
        let doc: unknown;
        try {
          doc = JSON.parse(text);
        } catch (error) {
          throw new UsageError(`${url}: not JSON (${(error as Error).message})`);
        }
        try {
          added.push(...target.add(doc, url).map((a) => ({ url, ...a })));
        } catch (error) {
          throw new UsageError(`${url}: ${(error as Error).message}`);
        }
      }
      if (opts.json) printJson(added);
      else for (const a of added) process.stdout.write(`${a.kind}\t${a.key}\t${a.url}\n`);
    });
}
