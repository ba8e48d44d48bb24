import { buildProgram } from './program.ts';
import { fail } from './lib/fail.ts';

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  fail(err);
}
