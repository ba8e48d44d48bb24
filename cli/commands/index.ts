import type { Command } from 'commander';
import { register as importCommand } from './import.ts';
import { register as ingest } from './ingest.ts';
import { register as stats } from './stats.ts';
import { register as rank } from './rank.ts';
import { register as recommend } from './recommend.ts';
import { register as gaps } from './gaps.ts';
import { register as keys } from './keys.ts';
import { register as serve } from './serve.ts';
import { register as link } from './link.ts';
import { register as evaluate } from './eval.ts';
import { register as verify } from './verify.ts';
import { register as exportCommand } from './export.ts';
import { register as worker } from './worker.ts';
import { register as onetMap } from './onet-map.ts';
import { register as title } from './title.ts';
import { register as credential } from './credential.ts';

/** Every top-level command; add one line per command. */
export const registrations: readonly ((program: Command) => void)[] = [
  importCommand,
  ingest,
  stats,
  rank,
  recommend,
  gaps,
  keys,
  serve,
  link,
  evaluate,
  verify,
  exportCommand,
  worker,
  onetMap,
  title,
  credential,
];
