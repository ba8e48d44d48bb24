import neo4j, { type Driver, type ManagedTransaction, type SessionConfig } from 'neo4j-driver';
import { checkTaxonomyOption, TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';
import { integerIn } from '../../model/option-check.ts';
import type { StoreStats } from '../../model/types.ts';
import type { GraphStore } from '../graph-store.ts';
import { hasIds, idsOfBatch, mergeIds } from '../change-feed.ts';
import { appendChange, cascadedAwards, compactChanges, ensureChangeFeedSchema, getRecords, readChanges } from './change-feed.ts';
import { beforePut, claimLinkJobs, completeLinkJobs, enqueueUnlinked, LINK_QUEUE_SCHEMA, linkQueueStats, linkTaxonomyVersion, renewLinkJobs, taxonomyChanged } from './link-queue.ts';
import { checkSkillsKnown, readEmbeddings, searchSkillsByVector, writeEmbeddings, writeSkillEmbeddings, type SkillEmbeddingEntry, type SkillVectorHit } from './embeddings.ts';
import { mapNeo4jError } from './errors.ts';
import { validateEmbeddings } from '../validate-embeddings.ts';
import { resolveNeo4jOptions, type Neo4jStoreOptions } from './options.ts';
import { deleteRecords, getRecord, listRecords, writeRecords } from './records.ts';
import { ensureSchema, ensureVectorIndex, SKILL_LABEL_INDEX, vectorIndexDimensions } from './schema.ts';
import { readTaxonomy } from './taxonomy-read.ts';
import { writeTaxonomy } from './taxonomy-write.ts';
import { toCount, toNumberOrNull } from './values.ts';

export type { Neo4jStoreOptions } from './options.ts';
export type { SkillEmbeddingEntry, SkillVectorHit } from './embeddings.ts';

/** The Neo4j GraphStore plus what only a graph database offers (used by bench/ and future API features). */
export interface Neo4jGraphStore extends GraphStore {
  readonly kind: 'neo4j';
  /** Stores skill embeddings (like putEmbeddings) and links each to its skill for the vector index. One transaction. */
  putSkillEmbeddings(modelId: string, entries: readonly SkillEmbeddingEntry[]): Promise<void>;
  /** Approximate k nearest skills of `vector` by the HNSW vector index (cosine). */
  searchSkillsByVector(modelId: string, vector: Float32Array, k: number, candidates?: number): Promise<SkillVectorHit[]>;
  /** Skills whose labels match a Lucene query on the full-text index, best first. */
  searchSkillsByText(query: string, k: number): Promise<SkillVectorHit[]>;
}

const STATS = `RETURN
  COUNT { MATCH (:Skill) } AS skills, COUNT { MATCH (:SkillGroup) } AS skillGroups,
  COUNT { MATCH ()-[:BROADER]->() } AS broaderRelations, COUNT { MATCH ()-[:SKILL_RELATION]->() } AS skillRelations,
  COUNT { MATCH (:Occupation) } AS occupations, COUNT { MATCH ()-[:REQUIRES]->() } AS occupationSkills,
  COUNT { MATCH ()-[e:REQUIRES]->() WHERE e.relationType = 'essential' } AS occupationSkillsEssential,
  COUNT { MATCH ()-[e:REQUIRES]->() WHERE e.relationType = 'optional' } AS occupationSkillsOptional,
  COUNT { MATCH (:Crosswalk) } AS crosswalk, COUNT { MATCH (:SkillMapping) } AS skillMappings, COUNT { MATCH (:Credential) } AS credentials,
  COUNT { MATCH (:Candidate) } AS candidates, COUNT { MATCH (:Award) } AS awards, COUNT { MATCH (:Posting) } AS postings,
  COUNT { MATCH (:Role) } AS roles, COUNT { MATCH (:Embedding) } AS embeddings`;

function positiveK(k: number, field = 'k'): void {
  checkTaxonomyOption(field, k, integerIn(1));
}

/**
 * Opens a Neo4j-backed GraphStore: checks the options, connects (bounded by
 * `connectionAcquisitionTimeoutMs`; an unreachable server is a retryable STORE_UNAVAILABLE), and
 * creates constraints, the full-text index and the vector index if missing.
 *
 * Every write method runs in ONE managed write transaction (`executeWrite`): the driver retries
 * it only on retryable errors, for at most `maxTransactionRetryTimeMs`; on any error the
 * transaction rolls back, so the store is unchanged. Driver types never leave this folder.
 */
export async function createNeo4jStore(opts: Neo4jStoreOptions): Promise<Neo4jGraphStore> {
  const o = resolveNeo4jOptions(opts);
  const auth = o.user !== undefined ? neo4j.auth.basic(o.user, o.password ?? '') : undefined;
  let driver: Driver;
  try {
    driver = neo4j.driver(o.uri, auth, {
      connectionAcquisitionTimeout: o.connectionAcquisitionTimeoutMs,
      connectionTimeout: o.connectionAcquisitionTimeoutMs,
      maxTransactionRetryTime: o.maxTransactionRetryTimeMs,
      userAgent: 'skillgraph',
    });
  } catch (err) {
    throw mapNeo4jError(err, o.uri);
  }
  const sessionConfig: SessionConfig = o.database ? { database: o.database } : {};
  // The skill vector index's dimension: the database's, else made from the first skill vectors written (null until then).
  let dimensions: number | null = null;
  try {
    await driver.verifyConnectivity(o.database ? { database: o.database } : {});
    await ensureSchema(driver, o.database);
    await ensureChangeFeedSchema(driver, o.database, LINK_QUEUE_SCHEMA);
    dimensions = o.vectorDimensions === undefined ? await vectorIndexDimensions(driver, o.database) : await ensureVectorIndex(driver, o.database, o.vectorDimensions);
  } catch (err) {
    await driver.close().catch(() => undefined);
    const mapped = mapNeo4jError(err, o.uri);
    if (mapped.code !== TaxonomyErrorCode.StoreFailure) throw mapped;
    throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, `cannot open Neo4j store at ${o.uri}: ${mapped.message}`, { file: o.uri }, mapped.retryable, { cause: err });
  }
  if (o.vectorDimensions !== undefined && dimensions !== o.vectorDimensions) {
    await driver.close().catch(() => undefined);
    throw checkTaxonomyOption.invalid('vectorDimensions', o.vectorDimensions, `${dimensions}: the database's skill vector index has ${dimensions} dimensions`);
  }

  let closed = false;
  const run = async <T>(mode: 'read' | 'write', work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => {
    if (closed) throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, 'the Neo4j store is closed', { file: o.uri });
    const session = driver.session(sessionConfig);
    try {
      return mode === 'read' ? await session.executeRead(work) : await session.executeWrite(work);
    } catch (err) {
      throw mapNeo4jError(err, o.uri);
    } finally {
      await session.close();
    }
  };
  const read = <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => run('read', work);
  const write = <T>(work: (tx: ManagedTransaction) => Promise<T>): Promise<T> => run('write', work);
  /** `work` on the driver outside a transaction (schema statements), its errors mapped as the transactions' are. */
  const schema = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw new TaxonomyError(TaxonomyErrorCode.StoreUnavailable, 'the Neo4j store is closed', { file: o.uri });
    try {
      return await work();
    } catch (err) {
      throw mapNeo4jError(err, o.uri);
    }
  };
  /** A vector of the wrong length for the index: one INVALID_VALUE naming the field. */
  const wrongLength = (field: string, length: number, want: number): TaxonomyError =>
    new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid vector: ${length} dimensions, but the skill vector index has ${want} (those of the model whose skill vectors were written first)`, { field });
  /** The index for `entries`' vectors: made with their length (the model in use) when the database has none; they must all have its dimension. */
  const indexFor = async (entries: readonly SkillEmbeddingEntry[]): Promise<void> => {
    if (entries.length === 0) return;
    dimensions ??= await schema(() => ensureVectorIndex(driver, o.database, entries[0]!.vector.length));
    const want = dimensions;
    const bad = entries.findIndex((e) => e.vector.length !== want);
    if (bad >= 0) throw wrongLength(`entries[${bad}].vector`, entries[bad]!.vector.length, want);
  };

  return {
    kind: 'neo4j',
    // Every write also appends its change-feed entry, in the same transaction (see change-feed.ts).
    importTaxonomy: (data, options = {}) =>
      write(async (tx) => {
        await writeTaxonomy(tx, data, options, o.batchRows);
        await taxonomyChanged(tx); // linkers rebuild; documents are linked again with the new skills
        await appendChange(tx, 'taxonomy');
      }),
    loadTaxonomy: () => read(readTaxonomy),
    putRecords: (batch) =>
      write(async (tx) => {
        await writeRecords(tx, await beforePut(tx, batch), o.batchRows);
        const ids = idsOfBatch(batch);
        if (hasIds(ids)) await appendChange(tx, 'put', ids);
      }),
    deleteRecords: (ids) =>
      write(async (tx) => {
        const awards = await cascadedAwards(tx, ids);
        await deleteRecords(tx, ids);
        const all = mergeIds(ids, { awards });
        if (hasIds(all)) await appendChange(tx, 'delete', all);
      }),
    readChanges: (after, limit) => read((tx) => readChanges(tx, after, limit)),
    compactChanges: (through) => write((tx) => compactChanges(tx, through)),
    getRecords: (ids) => read((tx) => getRecords(tx, ids)),
    enqueueUnlinked: (modelId, kinds) => write((tx) => enqueueUnlinked(tx, modelId, kinds)),
    claimLinkJobs: (modelId, worker, limit, leaseMs) => write((tx) => claimLinkJobs(tx, modelId, worker, limit, leaseMs)),
    renewLinkJobs: (modelId, worker, jobs, leaseMs) => write((tx) => renewLinkJobs(tx, modelId, worker, jobs, leaseMs)),
    completeLinkJobs: (modelId, worker, results) => write((tx) => completeLinkJobs(tx, modelId, worker, results, o.batchRows)),
    linkTaxonomyVersion: () => read(linkTaxonomyVersion),
    linkQueueStats: (modelId) => read((tx) => linkQueueStats(tx, modelId)),
    listCredentials: () => read((tx) => listRecords(tx, 'credentials')),
    listCandidates: () => read((tx) => listRecords(tx, 'candidates')),
    listAwards: () => read((tx) => listRecords(tx, 'awards')),
    listPostings: () => read((tx) => listRecords(tx, 'postings')),
    listRoles: () => read((tx) => listRecords(tx, 'roles')),
    getCredential: (id) => read((tx) => getRecord(tx, 'credentials', id)),
    getCandidate: (id) => read((tx) => getRecord(tx, 'candidates', id)),
    getPosting: (id) => read((tx) => getRecord(tx, 'postings', id)),
    getRole: (id) => read((tx) => getRecord(tx, 'roles', id)),
    getEmbeddings: (modelId, textHashes) => read((tx) => readEmbeddings(tx, modelId, textHashes)),
    putEmbeddings: (modelId, entries) => write((tx) => writeEmbeddings(tx, modelId, entries, o.batchRows)),
    putSkillEmbeddings: async (modelId, entries) => {
      validateEmbeddings(modelId, entries);
      // Checked before the index is made: a schema statement cannot share the write's transaction, so a write refused
      // after it would leave an index of its vectors' size behind.
      if (dimensions === null) await read((tx) => checkSkillsKnown(tx, entries));
      await indexFor(entries);
      return write((tx) => writeSkillEmbeddings(tx, modelId, entries, o.batchRows));
    },
    searchSkillsByVector: async (modelId, vector, k, candidates) => {
      positiveK(k);
      if (candidates !== undefined) positiveK(candidates, 'candidates');
      if (!(vector instanceof Float32Array)) throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, 'invalid vector: need a Float32Array', { field: 'vector' });
      // Another store may have made the index since this one opened; without one, no skill vector is stored.
      dimensions ??= await schema(() => vectorIndexDimensions(driver, o.database));
      if (dimensions === null) return [];
      if (vector.length !== dimensions) throw wrongLength('vector', vector.length, dimensions);
      return read((tx) => searchSkillsByVector(tx, modelId, vector, k, candidates));
    },
    searchSkillsByText: (query, k) => {
      positiveK(k);
      return read(async (tx) => {
        // The label index is eventually consistent; wait for updates of committed imports (instant when none).
        await tx.run('CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()');
        const res = await tx.run(
          'CALL db.index.fulltext.queryNodes($index, $query, {limit: $k}) YIELD node, score RETURN node.id AS skillId, score',
          { index: SKILL_LABEL_INDEX, query, k: neo4j.int(k) },
        );
        return res.records.map((r) => ({ skillId: r.get('skillId') as string, score: toNumberOrNull(r.get('score')) ?? 0 }));
      });
    },
    getMeta: (key) =>
      read(async (tx) => {
        const res = await tx.run('MATCH (m:Meta {key: $key}) RETURN m.value AS value', { key });
        return (res.records[0]?.get('value') as string | undefined) ?? null;
      }),
    setMeta: (key, value) =>
      write(async (tx) => {
        if (typeof key !== 'string' || typeof value !== 'string') {
          throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, 'meta key and value must be strings', { field: typeof key !== 'string' ? 'key' : 'value' });
        }
        await tx.run('MERGE (m:Meta {key: $key}) SET m.value = $value', { key, value });
        await appendChange(tx, 'meta', {}, key);
      }),
    stats: () =>
      read(async (tx): Promise<StoreStats> => {
        const r = (await tx.run(STATS)).records[0];
        const n = (k: keyof StoreStats): number => toCount(r?.get(k));
        return {
          skills: n('skills'),
          skillGroups: n('skillGroups'),
          broaderRelations: n('broaderRelations'),
          skillRelations: n('skillRelations'),
          occupations: n('occupations'),
          occupationSkills: n('occupationSkills'),
          occupationSkillsEssential: n('occupationSkillsEssential'),
          occupationSkillsOptional: n('occupationSkillsOptional'),
          crosswalk: n('crosswalk'),
          skillMappings: n('skillMappings'),
          credentials: n('credentials'),
          candidates: n('candidates'),
          awards: n('awards'),
          postings: n('postings'),
          roles: n('roles'),
          embeddings: n('embeddings'),
        };
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      await driver.close();
    },
  };
}
