import { normaliseLabel } from './normalise.ts';
import type {
  CrosswalkEntry,
  SkillMapping,
  Occupation,
  OccupationSkill,
  Skill,
  SkillGroup,
  SkillRelation,
  TaxonomyData,
} from './types.ts';

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const EMPTY: readonly never[] = Object.freeze([]);

/**
 * The in-memory read model of the taxonomy: skills, groups, the broader/narrower DAG (several
 * parents allowed), skill–skill relations, occupations and the crosswalk, with indexes by id,
 * by normalised label, parent/child, occupation→skills and skill→occupations.
 * Immutable once built; rebuilt from a store with `SkillGraph.fromData(await store.loadTaxonomy())`.
 */
export class SkillGraph {
  readonly data: TaxonomyData;
  private readonly skillById = new Map<string, Skill>();
  private readonly groupById = new Map<string, SkillGroup>();
  private readonly occupationById = new Map<string, Occupation>();
  private readonly occupationByCode = new Map<string, Occupation>();
  private readonly parentsOf = new Map<string, string[]>();
  private readonly childrenOf = new Map<string, string[]>();
  private readonly relationsOf = new Map<string, SkillRelation[]>();
  private readonly skillsByLabel = new Map<string, string[]>();
  private readonly occupationsByLabel = new Map<string, string[]>();
  private readonly skillsOfOccupation = new Map<string, OccupationSkill[]>();
  private readonly occupationsOfSkill = new Map<string, OccupationSkill[]>();
  private readonly onetByEsco = new Map<string, CrosswalkEntry[]>();
  private readonly escoByOnet = new Map<string, CrosswalkEntry[]>();
  private readonly mappingsFrom = new Map<string, SkillMapping[]>();
  private readonly ancestorCache = new Map<string, ReadonlyMap<string, number>>();

  private constructor(data: TaxonomyData) {
    this.data = data;
    for (const s of data.skills) {
      this.skillById.set(s.id, s);
      const keys = new Set<string>();
      for (const label of [s.preferredLabel, ...s.altLabels, ...s.hiddenLabels]) {
        const key = normaliseLabel(label);
        if (key) keys.add(key);
      }
      for (const key of keys) push(this.skillsByLabel, key, s.id);
    }
    for (const g of data.groups) this.groupById.set(g.id, g);
    for (const o of data.occupations) {
      this.occupationById.set(o.id, o);
      if (o.code) this.occupationByCode.set(o.code, o);
      const keys = new Set([o.preferredLabel, ...o.altLabels].map(normaliseLabel).filter(Boolean));
      for (const key of keys) push(this.occupationsByLabel, key, o.id);
    }
    const edges = new Set<string>();
    for (const e of data.broader) {
      // A repeated edge must not list the same parent or child twice.
      const key = `${e.childId}\u0000${e.parentId}`;
      if (edges.has(key)) continue;
      edges.add(key);
      push(this.parentsOf, e.childId, e.parentId);
      push(this.childrenOf, e.parentId, e.childId);
    }
    for (const r of data.skillRelations) {
      push(this.relationsOf, r.fromId, r);
      push(this.relationsOf, r.toId, r);
    }
    for (const os of data.occupationSkills) {
      push(this.skillsOfOccupation, os.occupationId, os);
      push(this.occupationsOfSkill, os.skillId, os);
    }
    for (const c of data.crosswalk) {
      push(this.onetByEsco, c.escoOccupationId, c);
      push(this.escoByOnet, c.onetCode, c);
    }
    for (const m of data.skillMappings ?? []) push(this.mappingsFrom, m.fromSkillId, m);
    for (const list of this.mappingsFrom.values()) list.sort((a, b) => b.confidence - a.confidence || (a.toSkillId < b.toSkillId ? -1 : a.toSkillId > b.toSkillId ? 1 : 0));
    for (const list of this.skillsByLabel.values()) list.sort();
    for (const list of this.occupationsByLabel.values()) list.sort();
    for (const list of this.parentsOf.values()) list.sort();
    for (const list of this.childrenOf.values()) list.sort();
  }

  static fromData(data: TaxonomyData): SkillGraph {
    return new SkillGraph(data);
  }

  get skillCount(): number {
    return this.skillById.size;
  }

  skill(id: string): Skill | undefined {
    return this.skillById.get(id);
  }

  group(id: string): SkillGroup | undefined {
    return this.groupById.get(id);
  }

  occupation(id: string): Occupation | undefined {
    return this.occupationById.get(id);
  }

  occupationByCodeOf(code: string): Occupation | undefined {
    return this.occupationByCode.get(code);
  }

  skills(): IterableIterator<Skill> {
    return this.skillById.values();
  }

  occupations(): IterableIterator<Occupation> {
    return this.occupationById.values();
  }

  /** The preferred label of a skill, group or occupation id ('' when unknown). */
  labelOf(id: string): string {
    return (this.skillById.get(id) ?? this.groupById.get(id) ?? this.occupationById.get(id))?.preferredLabel ?? '';
  }

  /** Skill ids having `label` as preferred, alternative or hidden label (normalised match), sorted. */
  findSkillsByLabel(label: string): readonly string[] {
    return this.skillsByLabel.get(normaliseLabel(label)) ?? EMPTY;
  }

  /** Occupation ids having `label` as preferred or alternative label (normalised match), sorted. */
  findOccupationsByLabel(label: string): readonly string[] {
    return this.occupationsByLabel.get(normaliseLabel(label)) ?? EMPTY;
  }

  /** Every normalised label key with the skill ids it names (for lexical matchers). */
  labelKeys(): ReadonlyMap<string, readonly string[]> {
    return this.skillsByLabel;
  }

  /** Direct parents (skills or groups), sorted. */
  parents(id: string): readonly string[] {
    return this.parentsOf.get(id) ?? EMPTY;
  }

  /** Direct children (skills or groups), sorted. */
  children(id: string): readonly string[] {
    return this.childrenOf.get(id) ?? EMPTY;
  }

  /** Skill–skill relations touching `id` (either direction). */
  relations(id: string): readonly SkillRelation[] {
    return this.relationsOf.get(id) ?? EMPTY;
  }

  /** Every ancestor (skills and groups, through all parents) with its shortest distance (1 = parent). */
  ancestorDistances(id: string): ReadonlyMap<string, number> {
    const cached = this.ancestorCache.get(id);
    if (cached) return cached;
    const dist = new Map<string, number>();
    let frontier = [id];
    let depth = 0;
    while (frontier.length > 0) {
      depth += 1;
      const next: string[] = [];
      for (const node of frontier) {
        for (const p of this.parents(node)) {
          if (p === id || dist.has(p)) continue;
          dist.set(p, depth);
          next.push(p);
        }
      }
      frontier = next;
    }
    this.ancestorCache.set(id, dist);
    return dist;
  }

  /** Ancestor ids, nearest first, ties by id. */
  ancestors(id: string): string[] {
    return [...this.ancestorDistances(id)].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
  }

  /** Descendant ids (breadth first, each once), nearest first, ties by id. */
  descendants(id: string, maxDepth = Infinity): string[] {
    const seen = new Set<string>([id]);
    const out: string[] = [];
    let frontier = [id];
    let depth = 0;
    while (frontier.length > 0 && depth < maxDepth) {
      depth += 1;
      const next: string[] = [];
      for (const node of frontier) {
        for (const c of this.children(node)) {
          if (seen.has(c)) continue;
          seen.add(c);
          next.push(c);
        }
      }
      next.sort();
      out.push(...next);
      frontier = next;
    }
    return out;
  }

  /** True when `narrower` is a (transitive) descendant of `broader`. */
  isNarrowerThan(narrower: string, broader: string): boolean {
    return this.ancestorDistances(narrower).has(broader);
  }

  /**
   * Taxonomy distance: the fewest broader/narrower steps from `a` to `b` through a common ancestor
   * (0 for the same id; 1 for parent/child). Null when they share no ancestor.
   */
  distance(a: string, b: string): number | null {
    if (a === b) return 0;
    const da = this.ancestorDistances(a);
    const db = this.ancestorDistances(b);
    let best: number | null = null;
    const direct = da.get(b) ?? db.get(a);
    if (direct !== undefined) best = direct;
    const [small, large] = da.size <= db.size ? [da, db] : [db, da];
    for (const [node, d1] of small) {
      const d2 = large.get(node);
      if (d2 !== undefined && (best === null || d1 + d2 < best)) best = d1 + d2;
    }
    return best;
  }

  /** Skill and group ids within `radius` steps over broader, narrower and skill–skill relations. */
  neighbourhood(id: string, radius = 1): Map<string, number> {
    const dist = new Map<string, number>([[id, 0]]);
    let frontier = [id];
    for (let step = 1; step <= radius && frontier.length > 0; step++) {
      const next: string[] = [];
      for (const node of frontier) {
        const around = [...this.parents(node), ...this.children(node), ...this.relations(node).map((r) => (r.fromId === node ? r.toId : r.fromId))];
        for (const n of around) {
          if (dist.has(n)) continue;
          dist.set(n, step);
          next.push(n);
        }
      }
      frontier = next;
    }
    dist.delete(id);
    return dist;
  }

  /** Skills an occupation requires (essential and optional, with O*NET IM/LV where known). */
  occupationSkills(occupationId: string): readonly OccupationSkill[] {
    return this.skillsOfOccupation.get(occupationId) ?? EMPTY;
  }

  /** Occupations that require a skill. */
  skillOccupations(skillId: string): readonly OccupationSkill[] {
    return this.occupationsOfSkill.get(skillId) ?? EMPTY;
  }

  /** O*NET codes mapped to an ESCO occupation (crosswalk), best confidence first. */
  onetFor(escoOccupationId: string): readonly CrosswalkEntry[] {
    return [...(this.onetByEsco.get(escoOccupationId) ?? EMPTY)].sort((a, b) => b.confidence - a.confidence || (a.onetCode < b.onetCode ? -1 : 1));
  }

  /** Skills of another taxonomy a skill is mapped onto (O*NET → ESCO), best confidence first. */
  mappedSkills(skillId: string): readonly SkillMapping[] {
    return this.mappingsFrom.get(skillId) ?? EMPTY;
  }

  /** ESCO occupations mapped to an O*NET code (crosswalk). */
  escoFor(onetCode: string): readonly CrosswalkEntry[] {
    return this.escoByOnet.get(onetCode) ?? EMPTY;
  }
}
