import type {
  Award,
  Candidate,
  Credential,
  EmbeddingEntry,
  JobPosting,
  RecordsBatch,
  Role,
  StoreStats,
  TaxonomyData,
} from '../model/types.ts';
import type { ChangeFeed } from './change-feed.ts';
import type { LinkQueue } from './link-jobs.ts';

/** Progress callback for long writes: `done` of `total` units of `phase`. */
export type ProgressFn = (phase: string, done: number, total: number) => void;

export interface ImportOptions {
  /** Replace the whole taxonomy (default) or merge into it by id. */
  readonly mode?: 'replace' | 'merge';
  readonly onProgress?: ProgressFn;
}

/**
 * The one persistence port of skillgraph. Implemented by the embedded SQLite store (default) and
 * the Neo4j store; both must pass `runStoreContract`. Every write method is one transaction:
 * when it throws, the store is exactly as it was before the call. Every write that changes records,
 * the taxonomy or metadata also appends a change-feed entry in that same transaction (`ChangeFeed`).
 */
export interface GraphStore extends ChangeFeed, LinkQueue {
  readonly kind: 'sqlite' | 'neo4j';

  /** Writes a whole taxonomy in one transaction. */
  importTaxonomy(data: TaxonomyData, options?: ImportOptions): Promise<void>;
  /** Reads the whole taxonomy back (input of `SkillGraph.fromData`). */
  loadTaxonomy(): Promise<TaxonomyData>;

  /** Upserts records by id, all in one transaction. Rejects references to unknown ids. */
  putRecords(batch: RecordsBatch): Promise<void>;
  /** Deletes records by id (one transaction). Unknown ids are ignored. */
  deleteRecords(ids: { readonly [K in keyof RecordsBatch]?: readonly string[] }): Promise<void>;

  listCredentials(): Promise<Credential[]>;
  listCandidates(): Promise<Candidate[]>;
  listAwards(): Promise<Award[]>;
  listPostings(): Promise<JobPosting[]>;
  listRoles(): Promise<Role[]>;
  getCredential(id: string): Promise<Credential | null>;
  getCandidate(id: string): Promise<Candidate | null>;
  getPosting(id: string): Promise<JobPosting | null>;
  getRole(id: string): Promise<Role | null>;

  /** Cached embeddings for (model id, text hash); missing hashes are absent from the map. */
  getEmbeddings(modelId: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>>;
  /** Stores embeddings for a model (idempotent). */
  putEmbeddings(modelId: string, entries: readonly EmbeddingEntry[]): Promise<void>;

  /** Small key/value metadata (schema version, import dates, learned weights …). */
  getMeta(key: string): Promise<string | null>;
  setMeta(key: string, value: string): Promise<void>;

  stats(): Promise<StoreStats>;
  close(): Promise<void>;
}
