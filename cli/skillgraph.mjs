#!/usr/bin/env node
// The `skillgraph` bin: lets Node run the TypeScript sources through tsx, then hands over to main.ts.
import { register } from 'tsx/esm/api';

register();
try {
  await import('./main.ts');
} catch (err) {
  // Only reached when the CLI itself cannot load; command errors are reported by main.ts.
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`skillgraph: INTERNAL: ${message.replace(/\s*[\r\n]+\s*/g, ' ')}\n`);
  process.exitCode = 1;
}
