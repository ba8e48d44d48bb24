import { readFile, writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { createWorkerEmbedder } from '../../engine/adapters/worker-embedder.ts';
import { createSqliteStore } from '../../taxonomy/stores/sqlite/sqlite-store.ts';
import type { SkillMapping } from '../../taxonomy/model/types.ts';
import { systemClock } from '../../app/clock.ts';
import { storeOnetSkillMap, storeReviewedMappings } from '../../app/onet-map.ts';
import { printJson } from '../lib/print-json.ts';
import { progressBar } from '../lib/progress-bar.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withStore } from '../lib/with-store.ts';
import { MODEL_OPTION, parseDtype, parseModel } from './linking-setup.ts';

/** Reviewed rows from a CSV with columns fromSkillId,toSkillId,confidence (0 rejects a mapping). */
async function readReviewed(file: string): Promise<SkillMapping[]> {
  const text = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
    throw new UsageError(`cannot read ${file}: ${err.code ?? err.message}`);
  });
  const rows = parse(text, { columns: true, skip_empty_lines: true, trim: true }) as Record<string, string>[];
  return rows.map((r, i) => {
    const confidence = Number(r['confidence']);
    const fromSkillId = r['fromSkillId'] ?? '';
    const toSkillId = r['toSkillId'] ?? '';
    if (fromSkillId === '' || toSkillId === '') throw new UsageError(`${file} row ${i + 2}: fromSkillId and toSkillId are required`);
    if (!(confidence >= 0 && confidence <= 1)) throw new UsageError(`${file} row ${i + 2}: confidence "${r['confidence'] ?? ''}" is not a number in [0, 1]`);
    return { fromSkillId, toSkillId, confidence, method: 'reviewed' as const };
  });
}

const csvCell = (s: string): string => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

interface OnetMapCliOptions {
  db?: string;
  json?: boolean;
  review?: boolean;
  export?: string;
  import?: string;
  dtype?: string;
  model?: string;
  minConfidence?: string;
  cache?: string;
}

/** `skillgraph onet-map [--review] [--export file.csv] [--import reviewed.csv]`: O*NET → ESCO skill mappings. */
export function register(program: Command): void {
  program
    .command('onet-map')
    .description('map O*NET skills, knowledge and technology skills onto ESCO skills (lexical + embedding), store them with a confidence; --review lists them')
    .option('--review', 'list the stored mappings, least confident first (computes nothing)')
    .option('--export <file>', 'write the stored mappings as CSV (fromSkillId,fromLabel,toSkillId,toLabel,confidence,method) for review')
    .option('--import <file>', 'store reviewed mappings from a CSV (fromSkillId,toSkillId,confidence; confidence 0 rejects one); kept by later runs')
    .option('--min-confidence <x>', 'keep mappings at or above this fused score (default 0.6)')
    .option('--dtype <q8|fp32>', 'model variant (default q8)')
    .option(...MODEL_OPTION)
    .option('--cache <file>', 'embedding cache file (SQLite, keyed by model; default: the store itself)')
    .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print JSON')
    .action(async (opts: OnetMapCliOptions) => {
      const minConfidence = opts.minConfidence === undefined ? undefined : Number(opts.minConfidence);
      if (minConfidence !== undefined && !(minConfidence >= 0 && minConfidence <= 1)) throw new UsageError(`invalid --min-confidence: ${opts.minConfidence} (expected a number in [0, 1])`);
      const out = process.stdout;
      await withStore(
        opts,
        async (store) => {
          if (opts.import) {
            const rows = await readReviewed(opts.import);
            await storeReviewedMappings(store, rows);
            out.write(`stored ${rows.length} reviewed mappings from ${opts.import}\n`);
            return;
          }
          if (opts.review || opts.export) {
            const taxonomy = await store.loadTaxonomy();
            const label = new Map(taxonomy.skills.map((s) => [s.id, s.preferredLabel]));
            const rows = [...(taxonomy.skillMappings ?? [])].sort((a, b) => a.confidence - b.confidence || (a.fromSkillId < b.fromSkillId ? -1 : 1));
            const onet = taxonomy.skills.filter((s) => s.source === 'onet');
            const mapped = new Set(rows.filter((m) => m.confidence > 0).map((m) => m.fromSkillId));
            const unmapped = onet.filter((s) => !mapped.has(s.id)).map((s) => ({ skillId: s.id, label: s.preferredLabel }));
            if (opts.export) {
              const lines = ['fromSkillId,fromLabel,toSkillId,toLabel,confidence,method'];
              for (const m of rows) lines.push([m.fromSkillId, label.get(m.fromSkillId) ?? '', m.toSkillId, label.get(m.toSkillId) ?? '', String(m.confidence), m.method].map(csvCell).join(','));
              await writeFile(opts.export, `${lines.join('\n')}\n`);
              out.write(`wrote ${rows.length} mappings to ${opts.export}\n`);
            }
            if (opts.review) {
              if (opts.json) return printJson({ mappings: rows.map((m) => ({ ...m, fromLabel: label.get(m.fromSkillId) ?? '', toLabel: label.get(m.toSkillId) ?? '' })), unmapped });
              out.write(`${rows.length} O*NET → ESCO skill mappings (least confident first); ${unmapped.length} of ${onet.length} O*NET skills unmapped\n`);
              for (const m of rows) out.write(`${m.confidence.toFixed(3)}  ${m.method.padEnd(9)}  ${label.get(m.fromSkillId) ?? m.fromSkillId}  →  ${label.get(m.toSkillId) ?? m.toSkillId}\n`);
              if (unmapped.length > 0) out.write(`unmapped: ${unmapped.map((u) => u.label).join('; ')}\n`);
            }
            return;
          }
          const bar = progressBar(opts);
          const model = await createWorkerEmbedder({ dtype: parseDtype(opts.dtype), model: parseModel(opts.model) });
          const cache = opts.cache ? await createSqliteStore(opts.cache) : undefined;
          try {
            const result = await storeOnetSkillMap(store, model, systemClock(), { onProgress: bar.update, cache, ...(minConfidence !== undefined ? { minConfidence } : {}) });
            bar.stop();
            const summary = { sources: result.sources, targets: result.targets, mappings: result.mappings.length, unmapped: result.unmapped.map((s) => ({ skillId: s.id, label: s.preferredLabel })) };
            if (opts.json) return printJson(summary);
            out.write(`mapped ${result.sources - result.unmapped.length} of ${result.sources} O*NET skills onto ${result.targets} skills (${result.mappings.length} mappings); review with: skillgraph onet-map --review\n`);
            if (result.unmapped.length > 0) out.write(`unmapped: ${result.unmapped.map((s) => s.preferredLabel).join('; ')}\n`);
          } finally {
            bar.stop();
            await model.dispose();
            await cache?.close();
          }
        },
        { create: false },
      );
    });
}
