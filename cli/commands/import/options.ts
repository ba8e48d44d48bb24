import { Option, type Command } from 'commander';

export interface ImportCommandOptions {
  readonly db?: string;
  readonly json?: boolean;
  readonly mode: 'replace' | 'merge';
}

/** Options every `import` subcommand takes; `mode` defaults per subcommand. */
export function addImportOptions(cmd: Command, defaultMode: 'replace' | 'merge'): Command {
  return cmd
    .option('--db <file>', 'SQLite database file (default: $SKILLGRAPH_DB or the user data folder)')
    .option('--json', 'print the import report as JSON')
    .addOption(new Option('--mode <mode>', 'replace the stored taxonomy or merge into it by id').choices(['replace', 'merge']).default(defaultMode));
}
