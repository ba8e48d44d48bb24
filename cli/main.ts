import { mark } from '../app/timing.ts';
import { buildProgram } from './program.ts';
import { fail } from './lib/fail.ts';

mark('modules loaded');
try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  fail(err);
}
