import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { languageWarning } from '../../engine/linking/language.ts';
import { TEXT_KINDS, type TextKind } from '../../engine/linking/linking-weights.ts';
import { printJson } from '../lib/print-json.ts';
import { progressBar } from '../lib/progress-bar.ts';
import { UsageError } from '../lib/usage-error.ts';
import { MODEL_OPTION, openLinking } from './linking-setup.ts';

interface LinkOpts {
  esco?: string;
  db?: string;
  dtype?: string;
  model?: string;
  cache?: string;
  json?: boolean;
  threshold?: string;
  kind?: string;
}

function readInput(file: string): string {
  try {
    return file === '-' ? readFileSync(0, 'utf8') : readFileSync(file, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read ${file === '-' ? 'stdin' : file}: ${(err as Error).message}`);
  }
}

/** `skillgraph link <file|->`: skills found in a text, with spans and confidences. */
export function register(program: Command): void {
  program
    .command('link')
    .description('link a text (file, or - for stdin) to taxonomy skills: spans, confidences')
    .argument('<file>', 'text file, or - for stdin')
    .option('--esco <dir>', 'ESCO CSV folder (default: shared datasets/esco-v1.1.1)')
    .option('--db <file>', 'store holding the taxonomy (also the embedding cache)')
    .option('--cache <file>', 'embedding cache file (default: $SKILLGRAPH_CACHE or the user cache folder)')
    .option('--dtype <dtype>', 'model weights: q8 (int8) or fp32', 'q8')
    .option(...MODEL_OPTION)
    .option('--threshold <p>', 'minimum confidence in [0, 1] (default 0.3)')
    .option('--kind <kind>', `kind of text, picks its confidence calibration: ${TEXT_KINDS.join(', ')}`, 'posting')
    .option('--json', 'print JSON')
    .action(async (file: string, opts: LinkOpts) => {
      const text = readInput(file);
      const textKind = (opts.kind ?? 'posting') as TextKind;
      if (!TEXT_KINDS.includes(textKind)) throw new UsageError(`invalid --kind: ${opts.kind} (expected ${TEXT_KINDS.join(', ')})`);
      // Text in a language the model does not cover: say so (stderr, and in --json) rather than return nothing silently.
      const warning = languageWarning(text);
      if (warning) process.stderr.write(`warning: ${warning}\n`);
      const threshold = opts.threshold === undefined ? undefined : Number(opts.threshold);
      if (threshold !== undefined && !(threshold >= 0 && threshold <= 1)) throw new UsageError(`invalid --threshold: ${opts.threshold} (expected a number in [0, 1])`);
      const bar = progressBar(opts);
      const setup = await openLinking({ ...opts, threshold, textKind }, bar.update);
      try {
        bar.stop();
        const results = await setup.linker.link(text);
        if (opts.json) return printJson({ model: setup.embedder.modelId, links: results, ...(warning ? { warnings: [warning] } : {}) });
        if (results.length === 0) {
          process.stdout.write('no skills found\n');
          return;
        }
        for (const r of results) {
          const [a, b] = r.provenance.span;
          process.stdout.write(`${r.confidence.toFixed(2)}  ${r.label.trim()}  [${a}, ${b}) "${r.phrase}"  ${r.skillId}\n`);
        }
      } finally {
        await setup.close();
      }
    });
}
