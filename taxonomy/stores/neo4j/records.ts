import type { ManagedTransaction } from 'neo4j-driver';
import type { Award, RecordsBatch, Role, SkillLink } from '../../model/types.ts';
import { batchReferences, validateRecordFields, validateRecordReferences, type ReferenceKind } from '../validate-records.ts';

export type RecordKey = keyof RecordsBatch;
export type RecordOf<K extends RecordKey> = NonNullable<RecordsBatch[K]>[number];

/** Write order: referenced kinds before the kinds that reference them (awards need both ends). */
const WRITE_ORDER: readonly RecordKey[] = ['credentials', 'candidates', 'postings', 'roles', 'awards'];
const LABEL: Record<RecordKey, string> = { credentials: 'Credential', candidates: 'Candidate', awards: 'Award', postings: 'Posting', roles: 'Role' };
const REFERENCE_LABEL: Record<ReferenceKind, string> = {
  skill: 'Skill',
  occupation: 'Occupation',
  credential: 'Credential',
  candidate: 'Candidate',
  posting: 'Posting',
};

/** The skill edge each linked record kind gets (record)-[TYPE {weight, essential}]->(:Skill). */
const SKILL_EDGE = { credentials: 'TEACHES', candidates: 'CLAIMS', postings: 'MENTIONS', roles: 'NEEDS' } as const;
type LinkedKey = keyof typeof SKILL_EDGE;

interface SkillLinks {
  readonly linkIds: string[];
  readonly linkWeight: number[];
  readonly linkEssential: boolean[];
}

/** One edge per skill: the highest confidence of a document's links (first requirement of a role). */
function fromSkillLinks(links: readonly SkillLink[]): SkillLinks {
  const best = new Map<string, number>();
  for (const l of links) best.set(l.skillId, Math.max(best.get(l.skillId) ?? -Infinity, l.confidence));
  return { linkIds: [...best.keys()], linkWeight: [...best.values()], linkEssential: [...best.keys()].map(() => false) };
}

function fromRole(role: Role): SkillLinks {
  const out: SkillLinks = { linkIds: [], linkWeight: [], linkEssential: [] };
  const seen = new Set<string>();
  for (const q of role.requirements) {
    if (seen.has(q.skillId)) continue;
    seen.add(q.skillId);
    out.linkIds.push(q.skillId);
    out.linkWeight.push(q.weight);
    out.linkEssential.push(q.essential);
  }
  return out;
}

function linksOf(key: LinkedKey, record: RecordOf<LinkedKey>): SkillLinks {
  switch (key) {
    case 'credentials':
    case 'postings':
      return fromSkillLinks((record as RecordOf<'credentials' | 'postings'>).skills);
    case 'candidates':
      return fromSkillLinks((record as RecordOf<'candidates'>).claimedSkills);
    case 'roles':
      return fromRole(record as Role);
  }
}

/** Creates the skill edges of every node in scope from its stored link lists (skills that exist only). */
const linkCypher = (edge: string): string => `
  WITH DISTINCT n WHERE size(n.linkIds) > 0
  UNWIND range(0, size(n.linkIds) - 1) AS i
  MATCH (s:Skill {id: n.linkIds[i]})
  CREATE (n)-[:${edge} {weight: n.linkWeight[i], essential: n.linkEssential[i]}]->(s)`;

const upsertLinked = (key: LinkedKey): string => `
  UNWIND $rows AS r
  MERGE (n:${LABEL[key]} {id: r.id})
  SET n.doc = r.doc, n.linkIds = r.linkIds, n.linkWeight = r.linkWeight, n.linkEssential = r.linkEssential
  WITH n
  OPTIONAL MATCH (n)-[old:${SKILL_EDGE[key]}]->()
  DELETE old
  ${linkCypher(SKILL_EDGE[key])}`;

const UPSERT_AWARDS = `
  UNWIND $rows AS r
  MERGE (a:Award {id: r.id})
  SET a.doc = r.doc, a.candidateId = r.candidateId, a.credentialId = r.credentialId, a.verification = r.verification
  WITH a, r
  OPTIONAL MATCH (a)-[old:OF]->()
  DELETE old
  WITH DISTINCT a, r
  OPTIONAL MATCH ()-[held:HOLDS]->(a)
  DELETE held
  WITH DISTINCT a, r
  MATCH (c:Candidate {id: r.candidateId})
  MATCH (cr:Credential {id: r.credentialId})
  CREATE (c)-[:HOLDS]->(a)-[:OF]->(cr)`;

/** Deleting a candidate or credential deletes its awards (as SQLite's ON DELETE CASCADE does). */
const DELETE: Record<RecordKey, string> = {
  credentials: 'UNWIND $ids AS id MATCH (n:Credential {id: id}) OPTIONAL MATCH (a:Award)-[:OF]->(n) DETACH DELETE a, n',
  candidates: 'UNWIND $ids AS id MATCH (n:Candidate {id: id}) OPTIONAL MATCH (n)-[:HOLDS]->(a:Award) DETACH DELETE a, n',
  postings: 'UNWIND $ids AS id MATCH (n:Posting {id: id}) DETACH DELETE n',
  roles: 'UNWIND $ids AS id MATCH (n:Role {id: id}) DETACH DELETE n',
  awards: 'UNWIND $ids AS id MATCH (n:Award {id: id}) DETACH DELETE n',
};

/** Which referenced ids exist, per kind (one query per kind). */
async function knownReferences(tx: ManagedTransaction, batch: RecordsBatch): Promise<Map<ReferenceKind, Set<string>>> {
  const wanted = new Map<ReferenceKind, Set<string>>();
  for (const ref of batchReferences(batch)) {
    let ids = wanted.get(ref.kind);
    if (!ids) wanted.set(ref.kind, (ids = new Set()));
    ids.add(ref.id);
  }
  const known = new Map<ReferenceKind, Set<string>>();
  for (const [kind, ids] of wanted) {
    const res = await tx.run(`UNWIND $ids AS id MATCH (n:${REFERENCE_LABEL[kind]} {id: id}) RETURN collect(n.id) AS ids`, { ids: [...ids] });
    known.set(kind, new Set(res.records[0]?.get('ids') as string[]));
  }
  return known;
}

/** The body of `putRecords` (inside one write transaction): validate fields and references, then upsert by id. */
export async function writeRecords(tx: ManagedTransaction, batch: RecordsBatch, batchRows: number): Promise<void> {
  validateRecordFields(batch); // before knownReferences, which walks the batch's arrays
  const known = await knownReferences(tx, batch);
  validateRecordReferences(batch, (kind, id) => known.get(kind)?.has(id) ?? false);
  for (const key of WRITE_ORDER) {
    const records = batch[key] ?? [];
    for (let i = 0; i < records.length; i += batchRows) {
      const chunk = records.slice(i, i + batchRows);
      if (key === 'awards') {
        const rows = (chunk as readonly Award[]).map((a) => ({
          id: a.id,
          doc: JSON.stringify(a),
          candidateId: a.candidateId,
          credentialId: a.credentialId,
          verification: a.verification,
        }));
        await tx.run(UPSERT_AWARDS, { rows });
      } else {
        const rows = chunk.map((r) => ({ id: r.id, doc: JSON.stringify(r), ...linksOf(key, r as RecordOf<LinkedKey>) }));
        await tx.run(upsertLinked(key), { rows });
      }
    }
  }
}

/** The body of `deleteRecords` (inside one write transaction). Unknown ids are ignored. */
export async function deleteRecords(tx: ManagedTransaction, ids: { readonly [K in RecordKey]?: readonly string[] }): Promise<void> {
  for (const key of WRITE_ORDER) {
    const list = ids[key];
    if (list && list.length > 0) await tx.run(DELETE[key], { ids: [...list] });
  }
}

/** Rebuilds every record's skill edges from its stored link lists (after a taxonomy import). */
export async function relinkRecords(tx: ManagedTransaction): Promise<void> {
  for (const key of Object.keys(SKILL_EDGE) as LinkedKey[]) {
    const edge = SKILL_EDGE[key];
    await tx.run(`MATCH (n:${LABEL[key]}) OPTIONAL MATCH (n)-[old:${edge}]->() DELETE old ${linkCypher(edge)}`);
  }
}

/** Reads the documents of one kind, ordered by id (as the SQLite store lists them). */
export async function listRecords<K extends RecordKey>(tx: ManagedTransaction, key: K): Promise<RecordOf<K>[]> {
  const res = await tx.run(`MATCH (n:${LABEL[key]}) RETURN n.doc AS doc ORDER BY n.id`);
  return res.records.map((r) => JSON.parse(r.get('doc') as string) as RecordOf<K>);
}

export async function getRecord<K extends RecordKey>(tx: ManagedTransaction, key: K, id: string): Promise<RecordOf<K> | null> {
  const res = await tx.run(`MATCH (n:${LABEL[key]} {id: $id}) RETURN n.doc AS doc`, { id });
  const doc = res.records[0]?.get('doc') as string | undefined;
  return doc === undefined ? null : (JSON.parse(doc) as RecordOf<K>);
}
