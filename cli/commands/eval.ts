import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parse } from 'csv-parse/sync';
import { createFileIndexSnapshot, defaultIndexSnapshotDir } from '../../engine/adapters/file-index-snapshot.ts';
import { createOrtRowScorer } from '../../engine/adapters/ort-row-scorer.ts';
import { evalLinking, type LinkingRow } from '../../engine/eval/eval-linking.ts';
import { evalPostings, type PostingRow, type PostingSignals } from '../../engine/eval/eval-postings.ts';
import { evalTitles, type TitleRow } from '../../engine/eval/eval-titles.ts';
import { RowKind } from '../../engine/linking/label-rows.ts';
import { buildOccupationIndex } from '../../engine/linking/occupation-index.ts';
import type { SkillIndex } from '../../engine/linking/skill-index.ts';
import { titleNormalizerOver } from '../../engine/linking/title-normalizer.ts';
import type { JobPosting } from '../../taxonomy/model/types.ts';
import { linkPostings } from '../../app/link-postings.ts';
import { HELPER_MIN_TEXTS } from '../../app/linking-pipeline.ts';
import type { TextLinker } from '../../app/text-linker.ts';
import { mark, threadTimes } from '../../app/timing.ts';
import { printJson } from '../lib/print-json.ts';
import { progressBar } from '../lib/progress-bar.ts';
import { UsageError } from '../lib/usage-error.ts';
import { MODEL_OPTION, openLinking, type LinkingSetup, type Progress } from './linking-setup.ts';

interface EvalOpts {
  benchmark?: string;
  esco?: string;
  db?: string;
  dtype?: string;
  model?: string;
  cache?: string;
  json?: boolean;
  limit?: string;
}

const TASKS = ['linking', 'titles', 'postings'] as const;
type Task = (typeof TASKS)[number];

/** Reads a benchmark CSV as records keyed by header; checks the columns a task needs. */
function readCsv(file: string, columns: readonly string[]): Record<string, string>[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --benchmark ${file}: ${(err as Error).message}`);
  }
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Record<string, string>[];
  const header = rows[0] ? Object.keys(rows[0]) : [];
  const missing = columns.filter((c) => !header.includes(c));
  if (missing.length > 0) throw new UsageError(`${file}: missing column(s) ${missing.join(', ')} (has: ${header.join(', ') || 'nothing'})`);
  return rows;
}

const pct = (x: number): string => (100 * x).toFixed(1);

/** The index `eval titles|postings` rank occupations with: their labels' vectors, read from its snapshot after the first build. */
export function occupationIndex(setup: LinkingSetup, onProgress?: (done: number, total: number) => void): Promise<SkillIndex> {
  return buildOccupationIndex(setup.taxonomy.occupations, setup.embedder, {
    ...(onProgress ? { onProgress } : {}),
    scorer: (m, r, d) => createOrtRowScorer(m, r, d),
    snapshot: createFileIndexSnapshot(defaultIndexSnapshotDir()),
  });
}

/** Ranks occupations for many titles at once: the product's title normaliser (engine/linking/title-normalizer.ts). */
function titleRanker(setup: LinkingSetup, occIndex: SkillIndex) {
  const normalizer = titleNormalizerOver(occIndex, setup.taxonomy.occupations, setup.embedder);
  return (titles: readonly string[]) => normalizer.rankAll(titles);
}

const TITLE_KINDS: ReadonlySet<RowKind> = new Set([RowKind.Preferred, RowKind.Alternative]);

/**
 * Per row, its title's max cosine to each occupation's preferred and alternative labels (occupation index
 * order). The titles are embedded in one call; each is scored in a product of its own, as `eval postings`
 * always scored them: a one-query product rounds its last bits differently from a many-query one
 * (onnxruntime takes another kernel), and the benchmark's numbers stay those of earlier runs.
 */
async function titleSimilarities(setup: LinkingSetup, occIndex: SkillIndex, rows: readonly PostingRow[]): Promise<Float32Array[]> {
  const vectors = await setup.embedder.embed(rows.map((r) => r.title.trim()));
  const out: Float32Array[] = [];
  for (const v of vectors) out.push((await occIndex.skillScoresBatch([v], TITLE_KINDS))[0]!);
  return out;
}

/**
 * `eval postings`' rows from a hahu-shaped CSV: title, description, the gold occupation code (`esco_code`), and the
 * occupation id the posting states from an `occupation` column where a benchmark has one (empty = none; hahu has none).
 */
export function postingRows(records: readonly Record<string, string>[]): PostingRow[] {
  return records.map((r) => ({ title: r['title']!, description: r['description']!, occupationCode: r['esco_code']!, ...(r['occupation'] ? { occupationId: r['occupation'] } : {}) }));
}

/**
 * The signals `evalPostings` scores, for the rows it will score (those whose occupation code is in the
 * taxonomy): each row linked as `import postings --link` links a posting (app/link-postings.ts `linkPostings`:
 * the text `title\ndescription` read in the sense of the row's stated occupation, else of the one inferred from its
 * title), its texts in one `linkMany` call shared with the link helper thread, and the title similarities, scored on
 * this thread while the texts link. The titles are embedded first, so both read the same cached vectors.
 */
export async function postingSignals(setup: LinkingSetup, occIndex: SkillIndex, rows: readonly PostingRow[], progress: Progress): Promise<Map<PostingRow, PostingSignals>> {
  const { occupations, skills } = setup.taxonomy;
  const codes = new Set(occupations.map((o) => o.code).filter((c) => c !== ''));
  const scored = rows.filter((r) => codes.has(r.occupationCode));
  await setup.embedder.embed(scored.map((r) => r.title.trim()));
  const skillById = new Map(skills.map((x) => [x.id, x] as const));
  const occupationById = new Map(occupations.map((o) => [o.id, o] as const));
  const taxonomy = { skill: (id: string) => skillById.get(id), occupation: (id: string) => occupationById.get(id) };
  const titles = titleNormalizerOver(occIndex, occupations, setup.embedder); // over the caller's index, which the caller disposes
  const tl = setup.textLinker;
  const linker: TextLinker = {
    link: (text) => tl.link(text),
    linkMany: (texts, context) => tl.linkMany(texts, { ...context, onProgress: (done) => progress('link postings', done, texts.length) }),
    search: (text, k) => tl.search(text, k),
  };
  const postings: JobPosting[] = scored.map((r, i) => ({ id: String(i), title: r.title, description: r.description, organisationId: '', datePosted: '', occupationId: r.occupationId ?? null, location: '', skills: [] }));
  const [linked, similarities] = await Promise.all([linkPostings(postings, taxonomy, linker, () => Promise.resolve(titles)), titleSimilarities(setup, occIndex, scored)]);
  mark('eval: postings linked, titles scored');
  return new Map(scored.map((r, i) => [r, { skills: linked[i]!.skills, titleSimilarity: new Map(occIndex.skills.map((o, j) => [o.id, similarities[i]![j]!])) }]));
}

/** `skillgraph eval linking|titles|postings --benchmark <csv>`: accuracy on a benchmark file. */
export function register(program: Command): void {
  program
    .command('eval')
    .description('evaluate linking (Decorte), title → occupation (JobBERT) or posting → occupation (hahu)')
    .argument('<task>', TASKS.join(' | '))
    .requiredOption('--benchmark <csv>', 'benchmark CSV file')
    .option('--esco <dir>', 'ESCO CSV folder (default: shared datasets/esco-v1.1.1)')
    .option('--db <file>', 'store holding the taxonomy (also the embedding cache)')
    .option('--cache <file>', 'embedding cache file (default: $SKILLGRAPH_CACHE or the user cache folder)')
    .option('--dtype <dtype>', 'model weights: q8 (int8) or fp32', 'q8')
    .option(...MODEL_OPTION)
    .option('--limit <n>', 'evaluate only the first n rows / postings')
    .option('--json', 'print JSON')
    .action(async (task: string, opts: EvalOpts) => {
      if (!(TASKS as readonly string[]).includes(task)) throw new UsageError(`invalid task: ${task} (expected ${TASKS.join(', ')})`);
      const limit = opts.limit === undefined ? Infinity : Number(opts.limit);
      if (!(limit >= 1)) throw new UsageError(`invalid --limit: ${opts.limit} (expected a positive integer)`);
      const file = opts.benchmark!;
      const need: Record<Task, string[]> = { linking: ['sentence', 'label'], titles: ['vacancyTitle', 'conceptUri'], postings: ['title', 'description', 'esco_code'] };
      const records = readCsv(file, need[task as Task]).slice(0, limit);
      const bar = progressBar(opts);
      // The model loads only if a vector is not cached (a benchmark run again on the same store needs none).
      const setup = await openLinking({ ...opts, bulk: task === 'postings' && records.length >= HELPER_MIN_TEXTS, lazyModel: true }, bar.update);
      const started = performance.now();
      try {
        let result: Record<string, unknown>;
        if (task === 'linking') {
          const rows: LinkingRow[] = records.map((r) => ({ sentence: r['sentence']!, label: r['label']! }));
          const m = await evalLinking(rows, setup.taxonomy.skills, async (s) => (await setup.linker.rankSkills(s)).map((x) => x.skillId));
          result = { ...m };
        } else {
          const occIndex = await occupationIndex(setup, (d, t) => bar.update('embed occupation labels', d, t));
          mark('eval: occupation index ready');
          try {
            if (task === 'titles') {
              const rows: TitleRow[] = records.map((r) => ({ title: r['vacancyTitle']!, occupationId: r['conceptUri']! }));
              result = { ...(await evalTitles(rows, new Set(setup.taxonomy.occupations.map((o) => o.id)), titleRanker(setup, occIndex))) };
            } else {
              const rows = postingRows(records);
              const signals = await postingSignals(setup, occIndex, rows, bar.update);
              result = { ...(await evalPostings(rows, setup.taxonomy.occupations, setup.taxonomy.occupationSkills, async (row) => signals.get(row)!)) };
            }
          } finally {
            await occIndex.dispose();
          }
        }
        mark('eval: scored');
        threadTimes('after the evaluation');
        bar.stop();
        const out = { task, benchmark: file, model: setup.embedder.modelId, seconds: +((performance.now() - started) / 1000).toFixed(1), ...result };
        if (opts.json) return printJson(out);
        for (const [k, v] of Object.entries(out)) {
          if (typeof v === 'number' && v <= 1 && !['queries', 'pairs', 'skipped', 'seconds'].includes(k)) process.stdout.write(`${k.padEnd(10)} ${pct(v)}\n`);
          else if (v !== null && typeof v === 'object') process.stdout.write(`${k.padEnd(10)} ${Object.entries(v).map(([a, b]) => `${a} ${pct(b as number)}`).join('  ')}\n`);
          else process.stdout.write(`${k.padEnd(10)} ${String(v)}\n`);
        }
      } finally {
        await setup.close();
      }
    });
}
