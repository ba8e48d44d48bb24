import type { SkillGraph } from '../../taxonomy/model/skill-graph.ts';
import type { Occupation, OccupationSkill } from '../../taxonomy/model/types.ts';
import { fitError } from '../fit/errors.ts';
import { mergeRequirements } from './merge.ts';
import { resolveOccupationOptions } from './options.ts';
import type { OccupationRequirementOptions } from './options.ts';
import type { ProfileRequirement, RequirementProfile } from './types.ts';

/** Finds an occupation by id (URI), by code (ESCO `2512.4`, ISCO, O*NET-SOC) or by `onet:<code>`. */
export function findOccupation(graph: SkillGraph, ref: string): Occupation | undefined {
  return graph.occupation(ref) ?? graph.occupationByCodeOf(ref) ?? graph.occupation(`onet:${ref}`) ?? graph.occupation(`http://data.europa.eu/esco/occupation/${ref}`);
}

function fromRows(rows: readonly OccupationSkill[], o: Required<OccupationRequirementOptions>, origin: 'esco' | 'onet', scale = 1): ProfileRequirement[] {
  const out: ProfileRequirement[] = [];
  for (const row of rows) {
    if (row.importance !== null) {
      if (row.importance < o.minImportance) continue;
      out.push({
        skillId: row.skillId,
        weight: (row.importance / 5) * scale,
        essential: row.importance >= o.essentialImportance,
        origins: [origin],
        importance: row.importance,
        level: row.level,
        confidence: null,
        source: null,
      });
    } else {
      out.push({
        skillId: row.skillId,
        weight: (row.relationType === 'essential' ? o.essentialWeight : o.optionalWeight) * scale,
        essential: row.relationType === 'essential',
        origins: [origin],
        importance: null,
        level: row.level,
        confidence: null,
        source: null,
      });
    }
  }
  return out;
}

/**
 * Requirements of an occupation. ESCO: essential skills weigh `essentialWeight` (1) and are essential;
 * optional ones weigh `optionalWeight` (0.5). O*NET rows (importance IM 1–5, level LV 0–7): weight =
 * IM / 5, essential when IM ≥ `essentialImportance` (3.5, "important" on O*NET's scale), dropped below
 * `minImportance` (3). For an ESCO occupation with O*NET data in the graph, the best mapped crosswalk
 * entry adds its O*NET occupation's rows when `useOnet` is set, as optional requirements, weights scaled by
 * crosswalk confidence / 2 (2 = best match).
 */
export function requirementsFromOccupation(graph: SkillGraph, occupationRef: string, opts: OccupationRequirementOptions = {}): RequirementProfile {
  const o = resolveOccupationOptions(opts);
  const occ = findOccupation(graph, occupationRef);
  if (!occ) throw fitError('UNKNOWN_OCCUPATION', { occupation: occupationRef }, 'occupation');
  const lists: ProfileRequirement[][] = [fromRows(graph.occupationSkills(occ.id), o, occ.source === 'onet' ? 'onet' : 'esco')];
  if (o.useOnet && occ.source !== 'onet') {
    const entry = graph.onetFor(occ.id).find((c) => c.mapped);
    const onet = entry ? (graph.occupation(`onet:${entry.onetCode}`) ?? graph.occupationByCodeOf(entry.onetCode) ?? graph.occupation(entry.onetCode)) : undefined;
    if (entry && onet && onet.id !== occ.id) {
      const rows = fromRows(graph.occupationSkills(onet.id), o, 'onet', Math.min(1, entry.confidence / 2));
      lists.push(rows.map((r) => ({ ...r, essential: false })));
    }
  }
  return { id: occ.id, title: occ.preferredLabel, occupationId: occ.id, postingId: null, requirements: mergeRequirements(...lists) };
}
