import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import { defaultDbPath } from './default-db-path.ts';
import type { GraphStore } from './graph-store.ts';
import { createSqliteStore } from './sqlite/sqlite-store.ts';

export interface OpenStoreOptions {
  /** 'sqlite' (default) or 'neo4j'; defaults to `$SKILLGRAPH_STORE`. */
  readonly kind?: 'sqlite' | 'neo4j';
  /** SQLite file or ':memory:'; defaults to {@link defaultDbPath}. */
  readonly file?: string;
  /** SQLite: create the file (and its folder) when missing (default true); false makes a missing file STORE_UNAVAILABLE. */
  readonly create?: boolean;
}

interface Neo4jModule {
  createNeo4jStore(opts: { uri: string; user: string; password: string; database?: string }): Promise<GraphStore>;
}

const KINDS = new Set(['sqlite', 'neo4j']);

function invalid(option: string, value: unknown): TaxonomyError {
  return new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid ${option}: ${JSON.stringify(value)}`, { field: option });
}

async function openNeo4j(): Promise<GraphStore> {
  const env = process.env;
  const uri = env['NEO4J_URI'];
  if (!uri) throw invalid('NEO4J_URI', uri ?? '');
  // A computed specifier keeps the Neo4j driver out of every SQLite-only start (and out of tsc's graph).
  const specifier = ['.', 'neo4j', 'neo4j-store.ts'].join('/');
  const mod = (await import(specifier)) as Neo4jModule;
  return mod.createNeo4jStore({
    uri,
    user: env['NEO4J_USER'] ?? 'neo4j',
    password: env['NEO4J_PASSWORD'] ?? '',
    ...(env['NEO4J_DATABASE'] ? { database: env['NEO4J_DATABASE'] } : {}),
  });
}

/**
 * Opens the configured store: SQLite at `file` (creating its folder), or Neo4j from the NEO4J_* env.
 * Options are checked once: an unknown kind is `invalid kind: <value>`.
 */
export async function openStore(opts: OpenStoreOptions = {}): Promise<GraphStore> {
  const kind = opts.kind ?? process.env['SKILLGRAPH_STORE'] ?? 'sqlite';
  if (!KINDS.has(kind)) throw invalid('kind', kind);
  if (kind === 'neo4j') return openNeo4j();
  const file = opts.file ?? defaultDbPath();
  if (typeof file !== 'string' || file === '') throw invalid('file', file);
  if (file !== ':memory:' && opts.create === false && !existsSync(file)) {
    throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, 'no database here yet (run `skillgraph import` first)', { file });
  }
  if (file !== ':memory:') {
    try {
      mkdirSync(dirname(file), { recursive: true });
    } catch (err) {
      throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `cannot create the database folder: ${(err as Error).message}`, { file }, false, { cause: err });
    }
  }
  return createSqliteStore(file);
}
