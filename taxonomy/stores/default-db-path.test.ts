import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDbPath } from './default-db-path.ts';

describe('defaultDbPath', () => {
  it('defaultDbPath prefers $SKILLGRAPH_DB', () => {
    expect(defaultDbPath({ SKILLGRAPH_DB: '/x/y.db', XDG_DATA_HOME: '/d' }, 'linux', '/home/u')).toBe('/x/y.db');
  });
  it('defaultDbPath uses $XDG_DATA_HOME, else ~/.local/share on Linux', () => {
    expect(defaultDbPath({ XDG_DATA_HOME: '/d' }, 'linux', '/home/u')).toBe(join('/d', 'skillgraph', 'skillgraph.db'));
    expect(defaultDbPath({}, 'linux', '/home/u')).toBe(join('/home/u', '.local', 'share', 'skillgraph', 'skillgraph.db'));
  });
  it('defaultDbPath uses Application Support on macOS and %APPDATA% on Windows', () => {
    expect(defaultDbPath({}, 'darwin', '/Users/u')).toBe(join('/Users/u', 'Library', 'Application Support', 'skillgraph', 'skillgraph.db'));
    expect(defaultDbPath({ APPDATA: 'C:\\Users\\u\\AppData\\Roaming' }, 'win32', 'C:\\Users\\u')).toBe(join('C:\\Users\\u\\AppData\\Roaming', 'skillgraph', 'skillgraph.db'));
  });
});
