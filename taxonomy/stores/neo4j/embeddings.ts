import { int, type ManagedTransaction } from 'neo4j-driver';
import { TaxonomyError, TaxonomyErrorCode } from '../../model/errors.ts';
import type { EmbeddingEntry } from '../../model/types.ts';
import { validateEmbeddings } from '../validate-embeddings.ts';
import { SKILL_VECTOR_INDEX } from './schema.ts';
import { toNumberOrNull } from './values.ts';

/** An embedding of a skill's text, linked to the skill so the vector index can find the skill. */
export interface SkillEmbeddingEntry extends EmbeddingEntry {
  readonly skillId: string;
}

/** One hit of `searchSkillsByVector`: cosine score in [0, 1] as Neo4j reports it ((1 + cos) / 2). */
export interface SkillVectorHit {
  readonly skillId: string;
  readonly score: number;
}

/** Node key of an embedding: model id and text hash (model ids never contain a newline). */
const key = (modelId: string, textHash: string): string => `${modelId}\n${textHash}`;

const rowsOf = (modelId: string, entries: readonly EmbeddingEntry[]): Record<string, unknown>[] =>
  entries.map((e) => ({ key: key(modelId, e.textHash), textHash: e.textHash, vector: Array.from(e.vector) }));

const UPSERT = `UNWIND $rows AS r
  MERGE (e:Embedding {key: r.key})
  SET e.modelId = $modelId, e.textHash = r.textHash, e.vector = r.vector`;

/** The body of `putEmbeddings` (one write transaction). Vectors are stored as float lists. */
export async function writeEmbeddings(tx: ManagedTransaction, modelId: string, entries: readonly EmbeddingEntry[], batchRows: number): Promise<void> {
  validateEmbeddings(modelId, entries);
  for (let i = 0; i < entries.length; i += batchRows) {
    await tx.run(UPSERT, { modelId, rows: rowsOf(modelId, entries.slice(i, i + batchRows)) });
  }
}

/** Stores skill embeddings and links each to its skill (label `:SkillEmbedding`, indexed for vector search). */
/** Throws UNKNOWN_REFERENCE naming the first entry whose skill the database does not hold. */
export async function checkSkillsKnown(tx: ManagedTransaction, entries: readonly SkillEmbeddingEntry[]): Promise<void> {
  const skillIds = [...new Set(entries.map((e) => e.skillId))];
  const found = await tx.run('UNWIND $ids AS id MATCH (s:Skill {id: id}) RETURN collect(s.id) AS ids', { ids: skillIds });
  const known = new Set(found.records[0]?.get('ids') as string[]);
  const missing = entries.findIndex((e) => !known.has(e.skillId));
  if (missing >= 0) {
    throw new TaxonomyError(TaxonomyErrorCode.UnknownReference, `unknown skill ${JSON.stringify(entries[missing]?.skillId)}`, { field: `entries[${missing}].skillId` });
  }
}

export async function writeSkillEmbeddings(tx: ManagedTransaction, modelId: string, entries: readonly SkillEmbeddingEntry[], batchRows: number): Promise<void> {
  validateEmbeddings(modelId, entries);
  await checkSkillsKnown(tx, entries);
  for (let i = 0; i < entries.length; i += batchRows) {
    const chunk = entries.slice(i, i + batchRows);
    const rows = rowsOf(modelId, chunk).map((r, j) => ({ ...r, skillId: chunk[j]?.skillId }));
    await tx.run(
      `${UPSERT} SET e:SkillEmbedding WITH e, r MATCH (s:Skill {id: r.skillId}) MERGE (s)-[:EMBEDDED_AS]->(e)`,
      { modelId, rows },
    );
  }
}

/** The body of `getEmbeddings` (one read transaction). */
export async function readEmbeddings(tx: ManagedTransaction, modelId: string, textHashes: readonly string[]): Promise<Map<string, Float32Array>> {
  const keys = [...new Set(textHashes)].map((h) => key(modelId, h));
  const res = await tx.run('UNWIND $keys AS k MATCH (e:Embedding {key: k}) RETURN e.textHash AS textHash, e.vector AS vector', { keys });
  const out = new Map<string, Float32Array>();
  for (const r of res.records) out.set(r.get('textHash') as string, Float32Array.from(r.get('vector') as number[]));
  return out;
}

/**
 * Approximate nearest skills by the Neo4j vector index (HNSW, cosine). The index spans every model,
 * so it asks for `candidates` (default 4k) neighbours and keeps those of `modelId`; ties break on skill id.
 */
export async function searchSkillsByVector(
  tx: ManagedTransaction,
  modelId: string,
  vector: Float32Array,
  k: number,
  candidates = 4 * k,
): Promise<SkillVectorHit[]> {
  const res = await tx.run(
    `CALL db.index.vector.queryNodes($index, $n, $vector) YIELD node, score
     WHERE node.modelId = $modelId
     MATCH (s:Skill)-[:EMBEDDED_AS]->(node)
     RETURN s.id AS skillId, max(score) AS score ORDER BY score DESC, skillId LIMIT $k`,
    { index: SKILL_VECTOR_INDEX, n: int(Math.max(k, candidates)), vector: Array.from(vector), modelId, k: int(k) },
  );
  return res.records.map((r) => ({ skillId: r.get('skillId') as string, score: toNumberOrNull(r.get('score')) ?? 0 }));
}
