import type { FitScorer } from '../fit/fit-scorer.ts';
import type { RoleLike } from '../fit/types.ts';
import type { SkillProfile } from '../profile/types.ts';
import type { RoleSupply } from './occupation-supply.ts';
import { coverageTable } from './supply.ts';

/** The requirements that decide whether a person supplies a role: its essential ones, or all when it marks none. */
export function coreRequirements(role: RoleLike): RoleLike['requirements'] {
  const essential = role.requirements.filter((r) => r.essential);
  return essential.length > 0 ? essential : role.requirements;
}

/**
 * Occupation supply: for each role, how many people HOLD at least `share` of the weight of its core
 * requirements (`coreRequirements`), where holding a requirement means covering it at or above
 * `coverageThreshold` — the rule skill supply uses, so "holds a skill" means the same on every row.
 * Counted with all evidence and with verified evidence only. Scoring a person's fit against a whole
 * ESCO profile (30+ skills, most optional) and asking for fit ≥ 0.5 counted nobody; this counts the
 * people who hold the skills the occupation cannot do without. One coverage pass over the cohort for
 * the union of all roles' core skills (`coverageTable`).
 */
export function occupationHolders(scorer: FitScorer, cohort: readonly SkillProfile[], roles: readonly RoleLike[], coverageThreshold: number, share: number): RoleSupply[] {
  const cores = roles.map(coreRequirements);
  const targets = [...new Set(cores.flatMap((c) => c.map((r) => r.skillId)))].sort();
  const targetIndex = new Map(targets.map((s, t) => [s, t]));
  // target → (role, weight share) pairs
  const byTarget: { role: number; w: number }[][] = targets.map(() => []);
  cores.forEach((core, role) => {
    let total = 0;
    for (const r of core) total += r.weight;
    for (const r of core) byTarget[targetIndex.get(r.skillId)!]!.push({ role, w: total > 0 ? r.weight / total : 0 });
  });
  // holding needs some coverage even at threshold 0 (and verified holding some verified coverage)
  const table = coverageTable(scorer, cohort, targets, Math.max(coverageThreshold, Number.MIN_VALUE));
  const count = new Int32Array(roles.length);
  const verifiedCount = new Int32Array(roles.length);
  const held = new Float64Array(roles.length);
  const tally = (covered: readonly number[], out: Int32Array): void => {
    const touched: number[] = [];
    for (const t of covered) {
      for (const { role, w } of byTarget[t]!) {
        if (held[role] === 0) touched.push(role);
        held[role] = held[role]! + w;
      }
    }
    for (const role of touched) {
      if (held[role]! >= share - 1e-9) out[role] = out[role]! + 1;
      held[role] = 0;
    }
  };
  for (let p = 0; p < cohort.length; p++) {
    tally(table.covered[p]!, count);
    tally(table.verified[p]!, verifiedCount);
  }
  return roles.map((_, r) => ({ count: count[r]!, verifiedCount: verifiedCount[r]! }));
}
