import type { ManagedTransaction } from 'neo4j-driver';
import type { TaxonomyData } from '../../model/types.ts';
import type { ImportOptions } from '../graph-store.ts';
import { validateTaxonomy, type KnownTaxonomyIds } from '../validate-taxonomy.ts';
import { relinkRecords } from './records.ts';

type Row = Record<string, unknown>;

/**
 * One UNWIND statement per phase. `ord` keeps insertion order (loadTaxonomy returns it, as SQLite's
 * rowid does); MERGE keeps the first position of an existing node or edge, like an upsert.
 */
const CYPHER = {
  skills: `UNWIND $rows AS r
    MERGE (n:Skill {id: r.id}) ON CREATE SET n:Concept, n.ord = r.ord
    SET n.source = r.source, n.preferredLabel = r.preferredLabel, n.altLabels = r.altLabels, n.hiddenLabels = r.hiddenLabels,
        n.description = r.description, n.skillType = r.skillType, n.reuseLevel = r.reuseLevel`,
  groups: `UNWIND $rows AS r
    MERGE (n:SkillGroup {id: r.id}) ON CREATE SET n:Concept, n.ord = r.ord
    SET n.source = r.source, n.code = r.code, n.preferredLabel = r.preferredLabel, n.description = r.description`,
  broader: `UNWIND $rows AS r
    MATCH (c:Concept {id: r.childId}) MATCH (p:Concept {id: r.parentId})
    MERGE (c)-[e:BROADER]->(p) ON CREATE SET e.ord = r.ord`,
  skillRelations: `UNWIND $rows AS r
    MATCH (a:Skill {id: r.fromId}) MATCH (b:Skill {id: r.toId})
    MERGE (a)-[e:SKILL_RELATION {relationType: r.relationType}]->(b) ON CREATE SET e.ord = r.ord`,
  occupations: `UNWIND $rows AS r
    MERGE (n:Occupation {id: r.id}) ON CREATE SET n.ord = r.ord
    SET n.source = r.source, n.code = r.code, n.iscoGroup = r.iscoGroup, n.preferredLabel = r.preferredLabel,
        n.altLabels = r.altLabels, n.description = r.description, n.parentIds = r.parentIds`,
  occupationParents: `UNWIND $rows AS r
    MATCH (o:Occupation {id: r.id})
    OPTIONAL MATCH (o)-[old:OCCUPATION_BROADER]->() DELETE old
    WITH DISTINCT o, r UNWIND r.parentIds AS pid
    MATCH (p:Occupation {id: pid}) MERGE (o)-[:OCCUPATION_BROADER]->(p)`,
  occupationSkills: `UNWIND $rows AS r
    MATCH (o:Occupation {id: r.occupationId}) MATCH (s:Skill {id: r.skillId})
    MERGE (o)-[e:REQUIRES]->(s) ON CREATE SET e.ord = r.ord
    SET e.relationType = r.relationType, e.importance = r.importance, e.level = r.level`,
  crosswalk: `UNWIND $rows AS r
    MERGE (n:Crosswalk {key: r.key}) ON CREATE SET n.ord = r.ord
    SET n.escoOccupationId = r.escoOccupationId, n.onetCode = r.onetCode, n.confidence = r.confidence, n.mapped = r.mapped`,
} as const;

/** Highest `ord` per phase, so a merge appends after what is stored. */
const MAX_ORD = {
  skills: 'MATCH (n:Skill) RETURN max(n.ord) AS m',
  groups: 'MATCH (n:SkillGroup) RETURN max(n.ord) AS m',
  broader: 'MATCH ()-[e:BROADER]->() RETURN max(e.ord) AS m',
  skillRelations: 'MATCH ()-[e:SKILL_RELATION]->() RETURN max(e.ord) AS m',
  occupations: 'MATCH (n:Occupation) RETURN max(n.ord) AS m',
  occupationParents: 'RETURN 0 AS m',
  occupationSkills: 'MATCH ()-[e:REQUIRES]->() RETURN max(e.ord) AS m',
  crosswalk: 'MATCH (n:Crosswalk) RETURN max(n.ord) AS m',
} as const;

type Phase = keyof typeof CYPHER;

function rowsOf(data: TaxonomyData): Record<Phase, Row[]> {
  return {
    skills: data.skills.map((s) => ({ ...s, altLabels: [...s.altLabels], hiddenLabels: [...s.hiddenLabels] })),
    groups: data.groups.map((g) => ({ ...g })),
    broader: data.broader.map((e) => ({ childId: e.childId, parentId: e.parentId })),
    skillRelations: data.skillRelations.map((r) => ({ ...r })),
    occupations: data.occupations.map((o) => ({ ...o, altLabels: [...o.altLabels], parentIds: [...o.parentIds] })),
    occupationParents: data.occupations.map((o) => ({ id: o.id, parentIds: [...o.parentIds] })),
    occupationSkills: data.occupationSkills.map((os) => ({ ...os })),
    crosswalk: data.crosswalk.map((c) => ({ ...c, key: `${c.escoOccupationId}\n${c.onetCode}` })),
  };
}

/** Ids stored now (merge imports may reference them). */
export async function storedTaxonomyIds(tx: ManagedTransaction): Promise<KnownTaxonomyIds> {
  const ids = async (label: string): Promise<Set<string>> => {
    const res = await tx.run(`MATCH (n:${label}) RETURN collect(n.id) AS ids`);
    return new Set(res.records[0]?.get('ids') as string[]);
  };
  return { skills: await ids('Skill'), groups: await ids('SkillGroup'), occupations: await ids('Occupation') };
}

/** Deletes the stored taxonomy (nodes and their edges; records stay and are relinked afterwards). */
async function deleteTaxonomy(tx: ManagedTransaction): Promise<void> {
  for (const label of ['Crosswalk', 'Occupation', 'SkillGroup', 'Skill']) {
    await tx.run(`MATCH (n:${label}) DETACH DELETE n`);
  }
}

/**
 * The body of `importTaxonomy`, run inside ONE write transaction: validates (against stored ids
 * when merging), deletes the old taxonomy (replace), upserts every phase in UNWIND batches, then
 * relinks stored records to the new skills. Any throw rolls the whole transaction back.
 */
export async function writeTaxonomy(tx: ManagedTransaction, data: TaxonomyData, options: ImportOptions, batchRows: number): Promise<void> {
  const mode = options.mode ?? 'replace';
  validateTaxonomy(data, mode === 'merge' ? await storedTaxonomyIds(tx) : undefined);
  if (mode === 'replace') await deleteTaxonomy(tx);
  const rows = rowsOf(data);
  for (const phase of Object.keys(CYPHER) as Phase[]) {
    const all = rows[phase];
    const base = mode === 'merge' ? (((await tx.run(MAX_ORD[phase])).records[0]?.get('m') as number | null) ?? -1) + 1 : 0;
    for (let i = 0; i < all.length; i += batchRows) {
      const batch = all.slice(i, i + batchRows).map((r, j) => ({ ...r, ord: base + i + j }));
      await tx.run(CYPHER[phase], { rows: batch });
      options.onProgress?.(phase, Math.min(i + batchRows, all.length), all.length);
    }
    if (all.length === 0) options.onProgress?.(phase, 0, 0);
  }
  await relinkRecords(tx);
}
