import { Option, type Command } from 'commander';

export interface ImportCommandOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly mode: 'replace' | 'merge';
  /** `--replace`: the same as `--mode replace`. */
  readonly replace?: boolean;
}

/**
 * The import mode asked for: `--replace` or `--mode replace` replaces the whole stored taxonomy (with a
 * warning on stderr naming what goes), anything else merges by id.
 */
export function importMode(opts: ImportCommandOptions, what: string): 'replace' | 'merge' {
  const mode = opts.replace ? 'replace' : opts.mode;
  if (mode === 'replace') {
    process.stderr.write(`skillgraph: warning: --replace: the stored taxonomy (ESCO, O*NET, crosswalk, skill mappings) is deleted and replaced by ${what}\n`);
  }
  return mode;
}

/** Options every `import` subcommand takes; `mode` defaults per subcommand. */
export function addImportOptions(cmd: Command, defaultMode: 'replace' | 'merge'): Command {
  return cmd
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print the import report as JSON')
    .option('--replace', 'replace the whole stored taxonomy instead of merging into it (prints a warning)')
    .addOption(new Option('--mode <mode>', 'merge into the stored taxonomy by id, or replace it (= --replace)').choices(['replace', 'merge']).default(defaultMode));
}
