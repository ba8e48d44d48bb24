import type Database from 'better-sqlite3';
import type { TaxonomyData } from '../../model/types.ts';
import type { ImportOptions } from '../graph-store.ts';
import { validateTaxonomy, type KnownTaxonomyIds } from '../validate-taxonomy.ts';

const TAXONOMY_TABLES = ['skill_mappings', 'crosswalk', 'occupation_skills', 'occupations', 'skill_relations', 'broader', 'skill_groups', 'skills'];
const PROGRESS_EVERY = 10_000;

const SQL = {
  skill: `INSERT INTO skills VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET source = excluded.source,
    preferred_label = excluded.preferred_label, alt_labels = excluded.alt_labels, hidden_labels = excluded.hidden_labels,
    description = excluded.description, skill_type = excluded.skill_type, reuse_level = excluded.reuse_level`,
  group: `INSERT INTO skill_groups VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET source = excluded.source,
    code = excluded.code, preferred_label = excluded.preferred_label, description = excluded.description`,
  broader: 'INSERT INTO broader VALUES (?, ?) ON CONFLICT DO NOTHING',
  relation: 'INSERT INTO skill_relations VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
  occupation: `INSERT INTO occupations VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET source = excluded.source,
    code = excluded.code, isco_group = excluded.isco_group, preferred_label = excluded.preferred_label,
    alt_labels = excluded.alt_labels, description = excluded.description, parent_ids = excluded.parent_ids`,
  occupationSkill: `INSERT INTO occupation_skills VALUES (?, ?, ?, ?, ?) ON CONFLICT (occupation_id, skill_id) DO UPDATE SET
    relation_type = excluded.relation_type, importance = excluded.importance, level = excluded.level`,
  crosswalk: `INSERT INTO crosswalk VALUES (?, ?, ?, ?) ON CONFLICT (esco_occupation_id, onet_code) DO UPDATE SET
    confidence = excluded.confidence, mapped = excluded.mapped`,
  skillMapping: `INSERT INTO skill_mappings VALUES (?, ?, ?, ?) ON CONFLICT (from_id, to_id) DO UPDATE SET
    confidence = excluded.confidence, method = excluded.method`,
} as const;

function existingIds(db: Database.Database): KnownTaxonomyIds {
  const ids = (table: string): Set<string> => new Set(db.prepare(`SELECT id FROM ${table}`).pluck().all() as string[]);
  return { skills: ids('skills'), groups: ids('skill_groups'), occupations: ids('occupations') };
}

/**
 * Builds `importTaxonomy` for one connection: validates (against the stored ids too when merging),
 * then in ONE transaction deletes the old taxonomy (replace) and upserts every row.
 */
export function taxonomyWriter(db: Database.Database): (data: TaxonomyData, options?: ImportOptions) => void {
  const stmt = Object.fromEntries(Object.entries(SQL).map(([k, sql]) => [k, db.prepare(sql)])) as Record<keyof typeof SQL, Database.Statement>;

  const write = db.transaction((data: TaxonomyData, options: ImportOptions) => {
    const mode = options.mode ?? 'replace';
    validateTaxonomy(data, mode === 'merge' ? existingIds(db) : undefined);
    if (mode === 'replace') for (const table of TAXONOMY_TABLES) db.exec(`DELETE FROM ${table}`);
    const each = <T>(phase: string, rows: readonly T[], run: (row: T) => void): void => {
      const total = rows.length;
      for (let i = 0; i < total; i++) {
        run(rows[i] as T);
        if (options.onProgress && (i + 1) % PROGRESS_EVERY === 0) options.onProgress(phase, i + 1, total);
      }
      options.onProgress?.(phase, total, total);
    };
    each('skills', data.skills, (s) =>
      stmt.skill.run(s.id, s.source, s.preferredLabel, JSON.stringify(s.altLabels), JSON.stringify(s.hiddenLabels), s.description, s.skillType, s.reuseLevel));
    each('groups', data.groups, (g) => stmt.group.run(g.id, g.source, g.code, g.preferredLabel, g.description));
    each('broader', data.broader, (e) => stmt.broader.run(e.childId, e.parentId));
    each('skillRelations', data.skillRelations, (r) => stmt.relation.run(r.fromId, r.toId, r.relationType));
    each('occupations', data.occupations, (o) =>
      stmt.occupation.run(o.id, o.source, o.code, o.iscoGroup, o.preferredLabel, JSON.stringify(o.altLabels), o.description, JSON.stringify(o.parentIds)));
    each('occupationSkills', data.occupationSkills, (os) => stmt.occupationSkill.run(os.occupationId, os.skillId, os.relationType, os.importance, os.level));
    each('crosswalk', data.crosswalk, (c) => stmt.crosswalk.run(c.escoOccupationId, c.onetCode, c.confidence, c.mapped ? 1 : 0));
    each('skillMappings', data.skillMappings ?? [], (m) => stmt.skillMapping.run(m.fromSkillId, m.toSkillId, m.confidence, m.method));
  });

  // IMMEDIATE: take the write lock before reading existing ids, so a concurrent writer waits (busy_timeout)
  // instead of failing with SQLITE_BUSY on the read-to-write upgrade.
  return (data, options = {}) => write.immediate(data, options);
}
