import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { sharedPath, sharedRoot } from './shared-path.ts';

const saved = process.env['SKILLGRAPH_SHARED'];
afterEach(() => {
  if (saved === undefined) delete process.env['SKILLGRAPH_SHARED'];
  else process.env['SKILLGRAPH_SHARED'] = saved;
});

describe('sharedRoot() / sharedPath(...parts)', () => {
  it('defaults to <repo>/../shared, independent of the working directory', () => {
    delete process.env['SKILLGRAPH_SHARED'];
    const repo = resolve(import.meta.dirname, '..', '..');
    expect(sharedRoot()).toBe(resolve(repo, '..', 'shared'));
    expect(existsSync(sharedPath('datasets', 'GUIDE.md'))).toBe(true);
  });

  it('follows SKILLGRAPH_SHARED when set', () => {
    process.env['SKILLGRAPH_SHARED'] = '/data/elsewhere';
    expect(sharedPath('models', 'm')).toBe(join('/data/elsewhere', 'models', 'm'));
  });
});
