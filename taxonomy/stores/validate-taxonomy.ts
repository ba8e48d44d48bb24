import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { TaxonomyData } from '../model/types.ts';
import { arrayOf, boolean, checkCollection, id, nonNegative, nullable, finite, oneOf, shape, string, unit, type Check } from './field-checks.ts';

/** Ids already in a store (merge imports may reference them). */
export interface KnownTaxonomyIds {
  readonly skills: { has(id: string): boolean };
  readonly groups: { has(id: string): boolean };
  readonly occupations: { has(id: string): boolean };
}

const NONE: KnownTaxonomyIds = { skills: new Set(), groups: new Set(), occupations: new Set() };

const source = oneOf(['esco', 'onet', 'custom', 'sample']);
const strings = arrayOf(string);
/** The field types of `taxonomy/model/types.ts`, per collection of TaxonomyData: [name, record kind, check]. */
const TAXONOMY_FIELDS: readonly (readonly [keyof TaxonomyData, string, Check, boolean?])[] = [
  ['skills', 'skill', shape({ id, source, preferredLabel: string, altLabels: strings, hiddenLabels: strings, description: string, skillType: string, reuseLevel: string })],
  ['groups', 'skill group', shape({ id, source, code: string, preferredLabel: string, description: string })],
  ['broader', 'broader edge', shape({ childId: id, parentId: id })],
  ['skillRelations', 'skill relation', shape({ fromId: id, toId: id, relationType: oneOf(['essential', 'optional', 'related']) })],
  [
    'occupations',
    'occupation',
    shape({ id, source, code: string, iscoGroup: string, preferredLabel: string, altLabels: strings, description: string, parentIds: arrayOf(id) }),
  ],
  [
    'occupationSkills',
    'occupation skill',
    shape({ occupationId: id, skillId: id, relationType: oneOf(['essential', 'optional']), importance: nullable(finite), level: nullable(finite) }),
  ],
  ['crosswalk', 'crosswalk entry', shape({ escoOccupationId: id, onetCode: id, confidence: nonNegative, mapped: boolean })],
  ['skillMappings', 'skill mapping', shape({ fromSkillId: id, toSkillId: id, confidence: unit, method: oneOf(['lexical', 'embedding', 'both', 'reviewed']) }), true],
];

/**
 * Checks every field of every row against its type in `taxonomy/model/types.ts` (strings, string
 * arrays, known enum values, finite numbers or null where allowed, booleans). Throws ONE TaxonomyError
 * INVALID_VALUE at the first misfit, naming the row kind, its id and the field (`skills[3].altLabels`).
 */
export function validateTaxonomyFields(data: TaxonomyData): void {
  if (typeof data !== 'object' || data === null) throw new TaxonomyError(TaxonomyErrorCode.InvalidValue, 'a taxonomy must be an object', { field: '' });
  for (const [name, kind, check, optional] of TAXONOMY_FIELDS) checkCollection(name, kind, data[name], check, optional);
}

function fail(code: TaxonomyErrorCode, field: string, message: string): never {
  throw new TaxonomyError(code, message, { field });
}

function uniqueIds(items: readonly { readonly id: string }[], name: string, seen: Set<string>): Set<string> {
  const own = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id)) fail(TaxonomyErrorCode.DuplicateId, `${name}[${i}].id`, `duplicate id ${item.id}`);
    seen.add(item.id);
    own.add(item.id);
  });
  return own;
}

/**
 * What every store checks before writing a taxonomy: every field has its type
 * (`validateTaxonomyFields`), ids are unique (skills and groups share one id space), every edge and
 * parent names a node in `data` or (merge) in `existing` (except the occupation of an
 * occupation–skill relation, which may be unknown). Throws the first problem as a TaxonomyError
 * (INVALID_VALUE, DUPLICATE_ID, UNKNOWN_REFERENCE) with `location.field`.
 */
export function validateTaxonomy(data: TaxonomyData, existing: KnownTaxonomyIds = NONE): void {
  validateTaxonomyFields(data);
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
  });
  data.occupations.forEach((o, i) => {
    o.parentIds.forEach((p, j) => {
      if (!isOccupation(p)) unknown(`occupations[${i}].parentIds[${j}]`, 'occupation', p);
    });
  });
  data.occupationSkills.forEach((os, i) => {
    // The occupation may be absent: ESCO v1.1.1 publishes 67 requirements of an occupation missing
    // from occupations_en.csv, and loaders keep them (the skill must still be known).
    if (!isSkill(os.skillId)) unknown(`occupationSkills[${i}].skillId`, 'skill', os.skillId);
  });
  (data.skillMappings ?? []).forEach((m, i) => {
    if (!isSkill(m.fromSkillId)) unknown(`skillMappings[${i}].fromSkillId`, 'skill', m.fromSkillId);
    if (!isSkill(m.toSkillId)) unknown(`skillMappings[${i}].toSkillId`, 'skill', m.toSkillId);
  });
}
