import type { ManagedTransaction } from 'neo4j-driver';
import type { TaxonomyData } from '../../model/types.ts';
import type { ImportOptions } from '../graph-store.ts';
import { validateTaxonomy } from '../validate-taxonomy.ts';
import { relinkRecords } from './records.ts';
import { toNumberOrNull } from './values.ts';

type Row = Record<string, unknown>;

/**
 * One phase of a taxonomy import: how rows are keyed, which fields are stored, and the Cypher to
 * read, upsert (MERGE), create (empty store: plain CREATE, faster) and delete them. `ord` keeps
 * insertion order, which loadTaxonomy returns (as SQLite's rowid does).
 */
interface Phase {
  readonly name: string;
  readonly fields: readonly string[];
  readonly key: (r: Row) => string;
  /** Duplicate keys in one import: 'first' keeps the first row (ON CONFLICT DO NOTHING), 'last' the last values. */
  readonly duplicates: 'first' | 'last';
  readonly read: string;
  readonly upsert: string;
  readonly create: string;
  readonly remove: string;
}

const nodeKey = (r: Row): string => r.id as string;
const PHASES: readonly Phase[] = [
  {
    name: 'skills',
    fields: ['id', 'source', 'preferredLabel', 'altLabels', 'hiddenLabels', 'description', 'skillType', 'reuseLevel'],
    key: nodeKey,
    duplicates: 'last',
    read: `MATCH (n:Skill) RETURN n.ord AS ord, n.id AS id, n.source AS source, n.preferredLabel AS preferredLabel, n.altLabels AS altLabels,
      n.hiddenLabels AS hiddenLabels, n.description AS description, n.skillType AS skillType, n.reuseLevel AS reuseLevel`,
    upsert: `UNWIND $rows AS r MERGE (n:Skill {id: r.id}) ON CREATE SET n:Concept
      SET n.ord = r.ord, n.source = r.source, n.preferredLabel = r.preferredLabel, n.altLabels = r.altLabels, n.hiddenLabels = r.hiddenLabels,
          n.description = r.description, n.skillType = r.skillType, n.reuseLevel = r.reuseLevel`,
    create: 'UNWIND $rows AS r CREATE (n:Skill:Concept) SET n = r',
    remove: 'UNWIND $rows AS r MATCH (n:Skill {id: r.id}) DETACH DELETE n',
  },
  {
    name: 'groups',
    fields: ['id', 'source', 'code', 'preferredLabel', 'description'],
    key: nodeKey,
    duplicates: 'last',
    read: 'MATCH (n:SkillGroup) RETURN n.ord AS ord, n.id AS id, n.source AS source, n.code AS code, n.preferredLabel AS preferredLabel, n.description AS description',
    upsert: `UNWIND $rows AS r MERGE (n:SkillGroup {id: r.id}) ON CREATE SET n:Concept
      SET n.ord = r.ord, n.source = r.source, n.code = r.code, n.preferredLabel = r.preferredLabel, n.description = r.description`,
    create: 'UNWIND $rows AS r CREATE (n:SkillGroup:Concept) SET n = r',
    remove: 'UNWIND $rows AS r MATCH (n:SkillGroup {id: r.id}) DETACH DELETE n',
  },
  {
    name: 'broader',
    fields: ['childId', 'parentId'],
    key: (r) => `${r.childId}\n${r.parentId}`,
    duplicates: 'first',
    read: 'MATCH (c)-[e:BROADER]->(p) RETURN e.ord AS ord, c.id AS childId, p.id AS parentId',
    upsert: `UNWIND $rows AS r MATCH (c:Concept {id: r.childId}) MATCH (p:Concept {id: r.parentId})
      MERGE (c)-[e:BROADER]->(p) SET e.ord = r.ord`,
    create: `UNWIND $rows AS r MATCH (c:Concept {id: r.childId}) MATCH (p:Concept {id: r.parentId})
      CREATE (c)-[:BROADER {ord: r.ord}]->(p)`,
    remove: 'UNWIND $rows AS r MATCH (:Concept {id: r.childId})-[e:BROADER]->(:Concept {id: r.parentId}) DELETE e',
  },
  {
    name: 'skillRelations',
    fields: ['fromId', 'toId', 'relationType'],
    key: (r) => `${r.fromId}\n${r.toId}\n${r.relationType}`,
    duplicates: 'first',
    read: 'MATCH (a)-[e:SKILL_RELATION]->(b) RETURN e.ord AS ord, a.id AS fromId, b.id AS toId, e.relationType AS relationType',
    upsert: `UNWIND $rows AS r MATCH (a:Skill {id: r.fromId}) MATCH (b:Skill {id: r.toId})
      MERGE (a)-[e:SKILL_RELATION {relationType: r.relationType}]->(b) SET e.ord = r.ord`,
    create: `UNWIND $rows AS r MATCH (a:Skill {id: r.fromId}) MATCH (b:Skill {id: r.toId})
      CREATE (a)-[:SKILL_RELATION {relationType: r.relationType, ord: r.ord}]->(b)`,
    remove: 'UNWIND $rows AS r MATCH (:Skill {id: r.fromId})-[e:SKILL_RELATION {relationType: r.relationType}]->(:Skill {id: r.toId}) DELETE e',
  },
  {
    name: 'occupations',
    fields: ['id', 'source', 'code', 'iscoGroup', 'preferredLabel', 'altLabels', 'description', 'parentIds'],
    key: nodeKey,
    duplicates: 'last',
    read: `MATCH (n:Occupation) RETURN n.ord AS ord, n.id AS id, n.source AS source, n.code AS code, n.iscoGroup AS iscoGroup,
      n.preferredLabel AS preferredLabel, n.altLabels AS altLabels, n.description AS description, n.parentIds AS parentIds`,
    upsert: `UNWIND $rows AS r MERGE (n:OccupationRef {id: r.id}) REMOVE n:OccupationStub SET n:Occupation
      SET n.ord = r.ord, n.source = r.source, n.code = r.code, n.iscoGroup = r.iscoGroup, n.preferredLabel = r.preferredLabel,
          n.altLabels = r.altLabels, n.description = r.description, n.parentIds = r.parentIds`,
    create: 'UNWIND $rows AS r CREATE (n:Occupation:OccupationRef) SET n = r',
    // Demoted to a stub: occupation skills of the id may stay (ESCO publishes such rows); orphans go at the end.
    remove: `UNWIND $rows AS r MATCH (n:Occupation {id: r.id})
      OPTIONAL MATCH (n)-[b:OCCUPATION_BROADER]-() DELETE b
      WITH DISTINCT n SET n = {id: n.id} REMOVE n:Occupation SET n:OccupationStub`,
  },
  {
    name: 'occupationSkills',
    fields: ['occupationId', 'skillId', 'relationType', 'importance', 'level'],
    key: (r) => `${r.occupationId}\n${r.skillId}`,
    duplicates: 'last',
    read: `MATCH (o)-[e:REQUIRES]->(s) RETURN e.ord AS ord, o.id AS occupationId, s.id AS skillId, e.relationType AS relationType,
      e.importance AS importance, e.level AS level`,
    upsert: `UNWIND $rows AS r MATCH (o:OccupationRef {id: r.occupationId}) MATCH (s:Skill {id: r.skillId})
      MERGE (o)-[e:REQUIRES]->(s) SET e.ord = r.ord, e.relationType = r.relationType, e.importance = r.importance, e.level = r.level`,
    create: `UNWIND $rows AS r MATCH (o:OccupationRef {id: r.occupationId}) MATCH (s:Skill {id: r.skillId})
      CREATE (o)-[:REQUIRES {ord: r.ord, relationType: r.relationType, importance: r.importance, level: r.level}]->(s)`,
    remove: 'UNWIND $rows AS r MATCH (:OccupationRef {id: r.occupationId})-[e:REQUIRES]->(:Skill {id: r.skillId}) DELETE e',
  },
  {
    name: 'crosswalk',
    fields: ['key', 'escoOccupationId', 'onetCode', 'confidence', 'mapped'],
    key: (r) => r.key as string,
    duplicates: 'last',
    read: 'MATCH (n:Crosswalk) RETURN n.ord AS ord, n.key AS key, n.escoOccupationId AS escoOccupationId, n.onetCode AS onetCode, n.confidence AS confidence, n.mapped AS mapped',
    upsert: `UNWIND $rows AS r MERGE (n:Crosswalk {key: r.key})
      SET n.ord = r.ord, n.escoOccupationId = r.escoOccupationId, n.onetCode = r.onetCode, n.confidence = r.confidence, n.mapped = r.mapped`,
    create: 'UNWIND $rows AS r CREATE (n:Crosswalk) SET n = r',
    remove: 'UNWIND $rows AS r MATCH (n:Crosswalk {key: r.key}) DETACH DELETE n',
  },
  {
    name: 'skillMappings',
    fields: ['key', 'fromSkillId', 'toSkillId', 'confidence', 'method'],
    key: (r) => r.key as string,
    duplicates: 'last',
    read: 'MATCH (n:SkillMapping) RETURN n.ord AS ord, n.key AS key, n.fromSkillId AS fromSkillId, n.toSkillId AS toSkillId, n.confidence AS confidence, n.method AS method',
    upsert: `UNWIND $rows AS r MERGE (n:SkillMapping {key: r.key})
      SET n.ord = r.ord, n.fromSkillId = r.fromSkillId, n.toSkillId = r.toSkillId, n.confidence = r.confidence, n.method = r.method`,
    create: 'UNWIND $rows AS r CREATE (n:SkillMapping) SET n = r',
    remove: 'UNWIND $rows AS r MATCH (n:SkillMapping {key: r.key}) DETACH DELETE n',
  },
];

/** Occupation ids that occupation skills name but no occupation defines get a stub node (not an Occupation). */
const STUBS = 'UNWIND $rows AS r MERGE (n:OccupationRef {id: r.id}) ON CREATE SET n:OccupationStub';
const DROP_ORPHAN_STUBS = 'MATCH (n:OccupationStub) WHERE NOT (n)--() DELETE n';

const PARENTS = `UNWIND $rows AS r
  MATCH (o:Occupation {id: r.id})
  OPTIONAL MATCH (o)-[old:OCCUPATION_BROADER]->() DELETE old
  WITH DISTINCT o, r UNWIND r.parentIds AS pid
  MATCH (p:Occupation {id: pid}) MERGE (o)-[:OCCUPATION_BROADER]->(p)`;

function inputRows(data: TaxonomyData): Record<string, readonly Row[]> {
  return {
    skills: data.skills as unknown as readonly Row[],
    groups: data.groups as unknown as readonly Row[],
    broader: data.broader as unknown as readonly Row[],
    skillRelations: data.skillRelations as unknown as readonly Row[],
    occupations: data.occupations as unknown as readonly Row[],
    occupationSkills: data.occupationSkills as unknown as readonly Row[],
    crosswalk: data.crosswalk.map((c) => ({ ...c, key: `${c.escoOccupationId}\n${c.onetCode}` })),
    skillMappings: (data.skillMappings ?? []).map((m) => ({ ...m, key: `${m.fromSkillId}\n${m.toSkillId}` })),
  };
}

/** The stored fields of a row, in a fixed order, as plain values (arrays copied, numbers unwrapped). */
function project(fields: readonly string[], r: Row): Row {
  const out: Row = {};
  for (const f of fields) {
    const v = r[f];
    out[f] = Array.isArray(v) ? [...(v as unknown[])] : typeof v === 'object' && v !== null ? toNumberOrNull(v) : (v ?? null);
  }
  return out;
}

/** Rows keyed in import order; duplicates keep their first position. */
function dedupe(phase: Phase, rows: readonly Row[]): Map<string, Row> {
  const out = new Map<string, Row>();
  for (const r of rows) {
    const row = project(phase.fields, r);
    const k = phase.key(row);
    if (!out.has(k) || phase.duplicates === 'last') out.set(k, row); // Map.set keeps the first position
  }
  return out;
}

interface StoredRow {
  readonly ord: number;
  readonly sig: string;
}

async function readStored(tx: ManagedTransaction, phase: Phase): Promise<Map<string, StoredRow>> {
  const res = await tx.run(phase.read);
  const out = new Map<string, StoredRow>();
  for (const rec of res.records) {
    const r = project(phase.fields, rec.toObject() as Row);
    out.set(phase.key(r), { ord: toNumberOrNull(rec.get('ord')) ?? 0, sig: JSON.stringify(r) });
  }
  return out;
}

async function isEmpty(tx: ManagedTransaction): Promise<boolean> {
  const res = await tx.run('RETURN EXISTS { MATCH (n) WHERE n:Concept OR n:OccupationRef OR n:Crosswalk OR n:SkillMapping } AS any');
  return res.records[0]?.get('any') !== true;
}

async function inBatches(tx: ManagedTransaction, cypher: string, rows: readonly Row[], batchRows: number, progress?: (done: number) => void): Promise<void> {
  for (let i = 0; i < rows.length; i += batchRows) {
    await tx.run(cypher, { rows: rows.slice(i, i + batchRows) });
    progress?.(Math.min(i + batchRows, rows.length));
  }
}

/**
 * The body of `importTaxonomy`, run inside ONE write transaction (any throw rolls it all back).
 * An empty store gets plain CREATEs. Otherwise the stored taxonomy is read and only the difference
 * is written: new or changed rows (MERGE) and, for 'replace', deletions of rows absent from `data`
 * and new positions. Re-importing the same data thus writes nothing, and the transaction state
 * stays proportional to the change (a full delete-and-recreate of ESCO in one transaction would
 * need well over 1 GB of server heap). Stored records are relinked to the new skills at the end.
 */
export async function writeTaxonomy(tx: ManagedTransaction, data: TaxonomyData, options: ImportOptions, batchRows: number): Promise<void> {
  const mode = options.mode ?? 'replace';
  if (mode === 'replace') validateTaxonomy(data);
  const empty = await isEmpty(tx);
  const stored = new Map<string, Map<string, StoredRow>>();
  if (!empty) for (const phase of PHASES) stored.set(phase.name, await readStored(tx, phase));
  if (mode === 'merge') {
    const ids = (name: string): Set<string> => new Set(stored.get(name)?.keys() ?? []);
    validateTaxonomy(data, { skills: ids('skills'), groups: ids('groups'), occupations: ids('occupations') });
  }
  const input = inputRows(data);

  if (mode === 'replace' && !empty) {
    // Deletions first: edges, then nodes (DETACH also drops edges of deleted nodes).
    for (const phase of [...PHASES].reverse()) {
      const keep = dedupe(phase, input[phase.name] ?? []);
      const gone: Row[] = [];
      for (const [k] of stored.get(phase.name) ?? []) if (!keep.has(k)) gone.push(keyRow(phase, k));
      await inBatches(tx, phase.remove, gone, batchRows);
    }
  }

  const occupationIds = new Set(data.occupations.map((o) => o.id));
  const stubs = [...new Set(data.occupationSkills.map((os) => os.occupationId))].filter((id) => !occupationIds.has(id)).map((id) => ({ id }));
  const changedOccupations: Row[] = [];
  for (const phase of PHASES) {
    if (phase.name === 'occupationSkills') await inBatches(tx, STUBS, stubs, batchRows);
    const rows = dedupe(phase, input[phase.name] ?? []);
    const have = stored.get(phase.name) ?? new Map<string, StoredRow>();
    let next = 0;
    for (const s of have.values()) next = Math.max(next, s.ord + 1);
    const write: Row[] = [];
    let position = 0;
    for (const [k, row] of rows) {
      const old = have.get(k);
      const ord = mode === 'replace' ? position : (old?.ord ?? next++);
      position++;
      if (old && old.sig === JSON.stringify(row) && old.ord === ord) continue;
      write.push({ ...row, ord });
      if (phase.name === 'occupations') changedOccupations.push({ id: row.id, parentIds: row.parentIds });
    }
    const total = write.length;
    await inBatches(tx, empty ? phase.create : phase.upsert, write, batchRows, (done) => options.onProgress?.(phase.name, done, total));
    if (total === 0) options.onProgress?.(phase.name, 0, 0);
  }
  await inBatches(tx, PARENTS, changedOccupations, batchRows);
  await tx.run(DROP_ORPHAN_STUBS);
  await relinkRecords(tx);
}

/** The key fields of a stored row, for its delete statement. */
function keyRow(phase: Phase, k: string): Row {
  const parts = k.split('\n');
  switch (phase.name) {
    case 'broader':
      return { childId: parts[0], parentId: parts[1] };
    case 'skillRelations':
      return { fromId: parts[0], toId: parts[1], relationType: parts[2] };
    case 'occupationSkills':
      return { occupationId: parts[0], skillId: parts[1] };
    case 'crosswalk':
    case 'skillMappings':
      return { key: k };
    default:
      return { id: k };
  }
}
