/**
 * Cost-effectiveness of a credential against comparable ones, and its equivalents (issue 20).
 *
 * valuePerCost = value / cost (USD) when the cost is known and > 0; a free credential (cost 0) has
 * none and is flagged free; valuePerHour = value / hours likewise. Comparable credentials: those of
 * the same credentialType when there are at least 5 of it (itself included), else the whole
 * catalogue. Ranks are competition ranks (1 + the number strictly better) among the comparable
 * credentials that have the ratio.
 *
 * Equivalents: credentials cheaper (known cost below this one's) or shorter (known hours below) that
 * cover the same demanded requirement skills: for each demanded skill this credential covers, another
 * covers it "as well" when its credit is at least this one's. shared = how many it covers as well;
 * sameSkills = all of them. Listed: sameSkills, or at least half of them shared; sameSkills first,
 * then more shared, cheaper, shorter, id; at most `max`.
 */
import type { Credential } from '../../taxonomy/model/types.ts';
import type { DemandCover } from './demand.ts';

export interface CostFacts {
  readonly valuePerCost: number | null;
  readonly valuePerHour: number | null;
  readonly free: boolean;
}

export function costFacts(c: Credential, value: number): CostFacts {
  return {
    valuePerCost: c.cost !== null && c.cost > 0 ? value / c.cost : null,
    valuePerHour: c.hours !== null && c.hours > 0 ? value / c.hours : null,
    free: c.cost === 0,
  };
}

export const COMPARABLE_MIN = 5;

/** The credentials compared against: same credentialType when ≥ 5 of it, else all. */
export function comparableSet(c: Credential, catalogue: readonly Credential[]): { credentials: readonly Credential[]; sameType: boolean } {
  const same = catalogue.filter((x) => x.credentialType === c.credentialType);
  return same.length >= COMPARABLE_MIN ? { credentials: same, sameType: true } : { credentials: catalogue, sameType: false };
}

/** Competition rank of `mine` among `ratios` (higher is better); null when `mine` is null. */
export function rankOf(mine: number | null, ratios: readonly (number | null)[]): number | null {
  if (mine === null) return null;
  let better = 0;
  for (const r of ratios) if (r !== null && r > mine + 1e-12 * Math.abs(mine)) better++;
  return better + 1;
}

export interface Equivalent {
  readonly credentialId: string;
  readonly cost: number | null;
  readonly hours: number | null;
  readonly sameSkills: boolean;
  readonly shared: number;
  readonly verifiedIssuer: boolean;
  readonly cheaper: boolean;
  readonly shorter: boolean;
}

const lessKnown = (a: number | null, b: number | null): boolean => a !== null && b !== null && a < b;

export function equivalents(
  c: Credential,
  cover: DemandCover,
  catalogue: readonly Credential[],
  coverOf: (id: string) => DemandCover,
  verifiedIssuer: (issuerId: string) => boolean,
  max = 10,
): Equivalent[] {
  const demanded = [...cover.covers];
  if (demanded.length === 0) return [];
  const out: Equivalent[] = [];
  for (const y of catalogue) {
    if (y.id === c.id) continue;
    const cheaper = lessKnown(y.cost, c.cost);
    const shorter = lessKnown(y.hours, c.hours);
    if (!cheaper && !shorter) continue;
    const other = coverOf(y.id);
    if (other.covers.size === 0) continue;
    let shared = 0;
    for (const [r, mine] of demanded) if ((other.covers.get(r)?.credit ?? 0) >= mine.credit - 1e-9) shared++;
    const sameSkills = shared === demanded.length;
    if (!sameSkills && shared * 2 < demanded.length) continue;
    if (shared === 0) continue;
    out.push({ credentialId: y.id, cost: y.cost, hours: y.hours, sameSkills, shared, verifiedIssuer: verifiedIssuer(y.issuer.id), cheaper, shorter });
  }
  const num = (x: number | null): number => (x === null ? Infinity : x);
  out.sort((a, b) => Number(b.sameSkills) - Number(a.sameSkills) || b.shared - a.shared || num(a.cost) - num(b.cost) || num(a.hours) - num(b.hours) || (a.credentialId < b.credentialId ? -1 : 1));
  return out.slice(0, max);
}
