/**
 * The credential catalogue, filtered and ordered (issue 20): `credentials(orderBy, filter, scope)`.
 * NAME (the default) keeps the catalogue's order (by id) and needs no key, as before; VALUE and
 * VALUE_PER_COST order by the demand the credential covers in the scope (app/credential-value.ts),
 * which reads postings and so needs a key, as does any filter on verifiedIssuer (computed from awards).
 */
import type { Credential } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { resolveScope, scopeValues, type DemandScope } from './credential-value.ts';
import { InvalidInputError } from './errors.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';

export type CredentialOrder = 'VALUE' | 'VALUE_PER_COST' | 'NAME';

export interface CredentialFilter {
  /** Credentials that teach this skill or a narrower one. */
  readonly skill?: string | null;
  /** Known cost ≤ maxCost (USD); unknown costs are left out. */
  readonly maxCost?: number | null;
  /** Known hours ≤ maxHours; unknown hours are left out. */
  readonly maxHours?: number | null;
  /** Only credentials whose issuer is (true) / is not (false) verified (engine/value/issuer-credibility.ts). */
  readonly verifiedIssuer?: boolean | null;
}

export interface CredentialsListInput {
  readonly orderBy?: CredentialOrder | null;
  readonly filter?: CredentialFilter | null;
  readonly scope?: DemandScope | null;
}

function checkBound(v: number | null | undefined, path: string): number | null {
  if (v === null || v === undefined) return null;
  if (!Number.isFinite(v) || v < 0) throw new InvalidInputError(`${path} must be a finite number ≥ 0, got ${v}`, path);
  return v;
}

/** The catalogue as the caller asked it: filtered, then ordered (ties by id). */
export function listCredentials(ws: Workspace, principal: Principal | null, input: CredentialsListInput, _now: Date): Credential[] {
  const orderBy = input.orderBy ?? 'NAME';
  const f = input.filter ?? {};
  const maxCost = checkBound(f.maxCost, 'filter.maxCost');
  const maxHours = checkBound(f.maxHours, 'filter.maxHours');
  const skill = f.skill || null;
  if (skill && !ws.graph.skill(skill)) throw new InvalidInputError(`filter.skill: no skill ${skill} in the taxonomy`, 'filter.skill');
  const needsValues = orderBy !== 'NAME' || (f.verifiedIssuer !== null && f.verifiedIssuer !== undefined) || input.scope;
  let list = [...ws.records.credentials.values()];
  if (skill) {
    // the skill itself or one narrower (what the fit engine credits as holding it: exact or narrower)
    const covering = ws.scorer.matcher.coverersOf(skill).bySkill;
    const teaches = (id: string): boolean => id === skill || covering.get(id)?.kind === 'narrower';
    list = list.filter((c) => c.skills.some((s) => teaches(s.skillId)));
  }
  if (maxCost !== null) list = list.filter((c) => c.cost !== null && c.cost <= maxCost);
  if (maxHours !== null) list = list.filter((c) => c.hours !== null && c.hours <= maxHours);
  if (!needsValues) return list;
  const p = requireRole(principal, ['admin', 'employer', 'learner', 'planner'], 'ordering or filtering credentials by value or issuer');
  const { values } = scopeValues(ws, p, resolveScope(ws, p, input.scope));
  if (f.verifiedIssuer !== null && f.verifiedIssuer !== undefined) list = list.filter((c) => values.get(c.id)!.verifiedIssuer === f.verifiedIssuer);
  // equal values (within 1e-9 relative, as the recommender's rule) rank the more credible first, then by id
  const byId = (a: Credential, b: Credential): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const desc = (x: number, y: number): number => (Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y)) ? 0 : y - x);
  const credible = (a: Credential, b: Credential): number => values.get(b.id)!.level - values.get(a.id)!.level;
  if (orderBy === 'VALUE') return list.sort((a, b) => desc(values.get(a.id)!.value, values.get(b.id)!.value) || credible(a, b) || byId(a, b));
  if (orderBy === 'VALUE_PER_COST') {
    // free credentials with value first (by value), then value per USD, then unknown cost (by value)
    const tier = (c: Credential): number => {
      const v = values.get(c.id)!;
      return v.free && v.value > 0 ? 0 : v.valuePerCost !== null ? 1 : 2;
    };
    const key = (c: Credential): number => (tier(c) === 1 ? values.get(c.id)!.valuePerCost! : values.get(c.id)!.value);
    return list.sort((a, b) => tier(a) - tier(b) || desc(key(a), key(b)) || credible(a, b) || byId(a, b));
  }
  return list;
}
