import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { TaxonomyData } from '../model/types.ts';

/** Ids already in a store (merge imports may reference them). */
export interface KnownTaxonomyIds {
  readonly skills: { has(id: string): boolean };
  readonly groups: { has(id: string): boolean };
  readonly occupations: { has(id: string): boolean };
}

const NONE: KnownTaxonomyIds = { skills: new Set(), groups: new Set(), occupations: new Set() };
const SKILL_RELATION_TYPES = new Set(['essential', 'optional', 'related']);
const REQUIREMENT_KINDS = new Set(['essential', 'optional']);

function fail(code: TaxonomyErrorCode, field: string, message: string): never {
  throw new TaxonomyError(code, message, { field });
}

function checkId(id: unknown, field: string): void {
  if (typeof id !== 'string' || id === '') fail(TaxonomyErrorCode.InvalidValue, field, `id must be a non-empty string, got ${JSON.stringify(id)}`);
}

function uniqueIds(items: readonly { readonly id: string }[], name: string, seen: Set<string>): Set<string> {
  const own = new Set<string>();
  items.forEach((item, i) => {
    checkId(item.id, `${name}[${i}].id`);
    if (seen.has(item.id)) fail(TaxonomyErrorCode.DuplicateId, `${name}[${i}].id`, `duplicate id ${item.id}`);
    seen.add(item.id);
    own.add(item.id);
  });
  return own;
}

function checkNullableNumber(value: unknown, field: string): void {
  if (value !== null && (typeof value !== 'number' || !Number.isFinite(value))) {
    fail(TaxonomyErrorCode.InvalidValue, field, `must be a finite number or null, got ${JSON.stringify(value)}`);
  }
}

/**
 * What every store checks before writing a taxonomy: ids are non-empty and unique (skills and
 * groups share one id space), every edge and parent names a node in `data` or (merge) in `existing`
 * (except the occupation of an occupation–skill relation, which may be unknown),
 * relation types are known, O*NET weights are numbers or null. Throws the first problem as a
 * TaxonomyError (DUPLICATE_ID, UNKNOWN_REFERENCE, INVALID_VALUE) with `location.field`.
 */
export function validateTaxonomy(data: TaxonomyData, existing: KnownTaxonomyIds = NONE): void {
  const nodeIds = new Set<string>();
  const skills = uniqueIds(data.skills, 'skills', nodeIds);
  const groups = uniqueIds(data.groups, 'groups', nodeIds);
  const occupations = uniqueIds(data.occupations, 'occupations', new Set());
  const isSkill = (id: string): boolean => skills.has(id) || existing.skills.has(id);
  const isNode = (id: string): boolean => isSkill(id) || groups.has(id) || existing.groups.has(id);
  const isOccupation = (id: string): boolean => occupations.has(id) || existing.occupations.has(id);
  const unknown = (field: string, what: string, id: string): never =>
    fail(TaxonomyErrorCode.UnknownReference, field, `unknown ${what} ${JSON.stringify(id)}`);

  data.broader.forEach((e, i) => {
    if (!isNode(e.childId)) unknown(`broader[${i}].childId`, 'skill or group', e.childId);
    if (!isNode(e.parentId)) unknown(`broader[${i}].parentId`, 'skill or group', e.parentId);
  });
  data.skillRelations.forEach((r, i) => {
    if (!isSkill(r.fromId)) unknown(`skillRelations[${i}].fromId`, 'skill', r.fromId);
    if (!isSkill(r.toId)) unknown(`skillRelations[${i}].toId`, 'skill', r.toId);
    if (!SKILL_RELATION_TYPES.has(r.relationType)) fail(TaxonomyErrorCode.InvalidValue, `skillRelations[${i}].relationType`, `unknown relation type ${JSON.stringify(r.relationType)}`);
  });
  data.occupations.forEach((o, i) => {
    o.parentIds.forEach((p, j) => {
      if (!isOccupation(p)) unknown(`occupations[${i}].parentIds[${j}]`, 'occupation', p);
    });
  });
  data.occupationSkills.forEach((os, i) => {
    // The occupation may be absent: ESCO v1.1.1 publishes 67 requirements of an occupation missing
    // from occupations_en.csv, and loaders keep them (the skill must still be known).
    checkId(os.occupationId, `occupationSkills[${i}].occupationId`);
    if (!isSkill(os.skillId)) unknown(`occupationSkills[${i}].skillId`, 'skill', os.skillId);
    if (!REQUIREMENT_KINDS.has(os.relationType)) fail(TaxonomyErrorCode.InvalidValue, `occupationSkills[${i}].relationType`, `unknown relation type ${JSON.stringify(os.relationType)}`);
    checkNullableNumber(os.importance, `occupationSkills[${i}].importance`);
    checkNullableNumber(os.level, `occupationSkills[${i}].level`);
  });
  data.crosswalk.forEach((c, i) => {
    checkId(c.escoOccupationId, `crosswalk[${i}].escoOccupationId`);
    checkId(c.onetCode, `crosswalk[${i}].onetCode`);
    checkNullableNumber(c.confidence, `crosswalk[${i}].confidence`);
  });
}
