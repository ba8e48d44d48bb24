import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { evalTitles, type TitleRow } from '../../engine/eval/eval-titles.ts';
import { openTitleNormalizer } from '../../app/title-normalizer.ts';
import { printJson } from '../lib/print-json.ts';
import { progressBar } from '../lib/progress-bar.ts';
import { UsageError } from '../lib/usage-error.ts';
import { withStore } from '../lib/with-store.ts';
import { MODEL_OPTION, parseDtype, parseModel } from './linking-setup.ts';

interface TitleOptions {
  readonly db?: string;
  readonly top?: string;
  readonly json?: boolean;
  readonly dtype?: string;
  readonly model?: string;
  readonly source?: string;
  readonly benchmark?: string;
}

/** `--benchmark`: the normaliser's accuracy on a JobBERT-format file (engine/eval/eval-titles.ts). */
async function benchmark(file: string, opts: TitleOptions): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --benchmark ${file}: ${(err as Error).message}`);
  }
  const records = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  if (!records[0] || !('vacancyTitle' in records[0]) || !('conceptUri' in records[0])) throw new UsageError(`${file}: expected the columns vacancyTitle, conceptUri`);
  const rows: TitleRow[] = records.map((r) => ({ title: r['vacancyTitle']!, occupationId: r['conceptUri']! }));
  const bar = progressBar(opts);
  const started = performance.now();
  const result = await withStore(
    opts,
    async (store) => {
      const occupations = (await store.loadTaxonomy()).occupations.filter((o) => !opts.source || o.source === opts.source);
      const n = await openTitleNormalizer(store, occupations, { dtype: parseDtype(opts.dtype), modelName: parseModel(opts.model), onProgress: (d, t) => bar.update('embed occupation labels (once)', d, t) });
      try {
        let done = 0;
        const metrics = await evalTitles(rows, new Set(occupations.map((o) => o.id)), async (titles) => {
          const ranked = await n.rankAll(titles);
          bar.update('rank titles', (done += titles.length), rows.length);
          return ranked;
        });
        // reliability of the top-1 confidence: accuracy of the best occupation per confidence band
        const known = new Set(occupations.map((o) => o.id));
        const scored = rows.filter((r) => known.has(r.occupationId));
        const bands = [0, 0.2, 0.4, 0.6, 0.8].map((from) => ({ from, to: +(from + 0.2).toFixed(1), titles: 0, correct: 0 }));
        for (let i = 0; i < scored.length; i += 512) {
          const chunk = scored.slice(i, i + 512);
          const best = await n.normalize(chunk.map((r) => r.title), 1);
          chunk.forEach((r, j) => {
            const m = best[j]![0]!;
            const band = bands[Math.min(4, Math.floor(m.confidence * 5))]!;
            band.titles++;
            if (m.occupationId === r.occupationId) band.correct++;
          });
          bar.update('confidence bands', i + chunk.length, scored.length);
        }
        return { model: n.modelId, occupations: occupations.length, ...metrics, confidence: bands.map((b) => ({ ...b, accuracy: b.titles ? +(b.correct / b.titles).toFixed(3) : null })) };
      } finally {
        bar.stop();
        await n.dispose();
      }
    },
    { create: false },
  );
  const out = { benchmark: file, ...result, seconds: +((performance.now() - started) / 1000).toFixed(1) };
  if (opts.json) return printJson(out);
  process.stdout.write(`${out.queries} titles (${out.skipped} skipped) over ${out.occupations} occupations: MRR ${(100 * out.mrr).toFixed(1)}  top-1 ${(100 * out.top1).toFixed(1)}  top-5 ${(100 * out.top5).toFixed(1)}  (${out.seconds} s)\n`);
  for (const b of out.confidence) process.stdout.write(`  top-1 confidence ${b.from.toFixed(1)}–${b.to.toFixed(1)}: ${b.titles} titles, ${b.accuracy === null ? '—' : `${(100 * b.accuracy).toFixed(1)}% correct`}\n`);
}

/** `skillgraph title "<text>"`: a free-text job title → the store's ESCO / O*NET occupations with a confidence. */
export function register(program: Command): void {
  program
    .command('title')
    .description('normalise a free-text job title to the ESCO and O*NET occupations in the store, best first, with a confidence')
    .argument('[text]', 'the job title')
    .option('--benchmark <csv>', 'instead of one title: MRR and top-1/top-5 on a JobBERT-format CSV (vacancyTitle, conceptUri)')
    .option('--db <file>', 'database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--top <n>', 'how many occupations', '5')
    .option('--source <esco|onet>', 'only occupations of this taxonomy')
    .option('--dtype <dtype>', 'model weights: q8 (int8) or fp32', 'q8')
    .option(...MODEL_OPTION)
    .option('--json', 'print JSON')
    .action(async (text: string | undefined, opts: TitleOptions) => {
      if (opts.benchmark) return benchmark(opts.benchmark, opts);
      if (text === undefined) throw new UsageError('give a job title (or --benchmark <csv>)');
      const top = Number(opts.top ?? 5);
      if (!Number.isInteger(top) || top < 1 || top > 100) throw new UsageError(`invalid --top: ${opts.top} (expected 1–100)`);
      if (text.trim() === '') throw new UsageError('the title is empty');
      if (opts.source && opts.source !== 'esco' && opts.source !== 'onet') throw new UsageError(`invalid --source: ${opts.source} (expected esco or onet)`);
      const dtype = parseDtype(opts.dtype);
      const bar = progressBar(opts);
      const matches = await withStore(
        opts,
        async (store) => {
          const occupations = (await store.loadTaxonomy()).occupations.filter((o) => !opts.source || o.source === opts.source);
          if (occupations.length === 0) throw new UsageError(`the store has no ${opts.source ?? ''} occupations: import ESCO or O*NET first`.replace('no  ', 'no '));
          const n = await openTitleNormalizer(store, occupations, { dtype, modelName: parseModel(opts.model), onProgress: (d, t) => bar.update('embed occupation labels (once)', d, t) });
          try {
            return (await n.normalize([text], top))[0]!;
          } finally {
            bar.stop();
            await n.dispose();
          }
        },
        { create: false },
      );
      if (opts.json) return printJson({ title: text, matches });
      for (const [i, m] of matches.entries()) {
        process.stdout.write(`${String(i + 1).padStart(2)}. ${m.label}  [${m.source} ${m.code}]  confidence ${(100 * m.confidence).toFixed(0)}%  (cosine ${m.similarity.toFixed(3)})  ${m.occupationId}\n`);
      }
    });
}
