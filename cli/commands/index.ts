import type { Command } from 'commander';
import { register as importCommand } from './import.ts';
import { register as ingest } from './ingest.ts';
import { register as stats } from './stats.ts';

/** Every top-level command; add one line per command. */
export const registrations: readonly ((program: Command) => void)[] = [
  importCommand,
  ingest,
  stats,
];
