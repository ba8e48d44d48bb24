import type { Credential } from '../../taxonomy/model/types.ts';

/**
 * The catalogue's prerequisite and stack structure: each credential's full prerequisite closure
 * (null when it can never be earned: an unknown prerequisite or a cycle), reverse edges, stack parts.
 */
export interface CatalogueIndex {
  readonly byId: ReadonlyMap<string, Credential>;
  /** All transitive prerequisites in a valid earning order (prerequisites first), or null. */
  closure(id: string): readonly string[] | null;
  /** Credentials that list `id` in `requires`. */
  dependents(id: string): readonly string[];
  /** Credentials that are part of stack `stackId` (list it in `isPartOf`). */
  parts(stackId: string): readonly string[];
  /** Median of the known prices (USD) and durations (hours) in the catalogue; 0 when none is known. */
  readonly medianCost: number;
  readonly medianHours: number;
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

export function indexCatalogue(catalogue: readonly Credential[]): CatalogueIndex {
  const byId = new Map<string, Credential>();
  for (const c of catalogue) byId.set(c.id, c);
  const dependents = new Map<string, string[]>();
  const parts = new Map<string, string[]>();
  for (const c of [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    for (const r of c.requires) (dependents.get(r) ?? dependents.set(r, []).get(r)!).push(c.id);
    for (const p of c.isPartOf) (parts.get(p) ?? parts.set(p, []).get(p)!).push(c.id);
  }
  const memo = new Map<string, readonly string[] | null>();
  const visiting = new Set<string>();
  function closure(id: string): readonly string[] | null {
    if (memo.has(id)) return memo.get(id)!;
    const c = byId.get(id);
    if (!c || visiting.has(id)) return null;
    visiting.add(id);
    const out: string[] = [];
    const seen = new Set<string>();
    let ok = true;
    for (const r of [...c.requires].sort()) {
      const sub = closure(r);
      if (sub === null) {
        ok = false;
        break;
      }
      for (const x of [...sub, r]) {
        if (seen.has(x)) continue;
        seen.add(x);
        out.push(x);
      }
    }
    visiting.delete(id);
    const result = ok ? out : null;
    memo.set(id, result);
    return result;
  }
  const all = [...byId.values()];
  return {
    byId,
    closure,
    medianCost: median(all.flatMap((c) => (c.cost === null ? [] : [c.cost]))),
    medianHours: median(all.flatMap((c) => (c.hours === null ? [] : [c.hours]))),
    dependents: (id) => dependents.get(id) ?? [],
    parts: (id) => parts.get(id) ?? [],
  };
}
