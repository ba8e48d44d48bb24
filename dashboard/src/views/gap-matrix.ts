import type { GapSkillCell, RoleProfile } from '../data/model.ts';
import type { HeatmapCell } from '../charts/heatmap.ts';
import type { SkillTree, TreeNode } from '../charts/tree.ts';

/** Rows of the top view: the first hierarchy level with at least `min` groups (ESCO: below the pillars). */
export function topRows(tree: SkillTree, min = 5): TreeNode[] {
  let level = tree.root.children;
  while (level.filter((n) => n.isGroup).length < min) {
    const next = level.flatMap((n) => (n.isGroup ? n.children : [n]));
    if (next.length === level.length) break;
    level = next;
  }
  return level;
}

/**
 * Skill groups (rows) × roles (columns). For role r with requirement weights w (total W), a row's
 * demand is the share of r's weight on skills under the row, its supply the same weights times the
 * cohort's supply of each skill (from `gaps`), and gap = demand − supply. A skill whose supply the
 * API suppressed (k-anonymity) adds demand but no supply; a cell with only such skills is suppressed.
 */
export function gapMatrix(tree: SkillTree, roles: readonly RoleProfile[], cells: readonly GapSkillCell[], rows: readonly TreeNode[]): HeatmapCell[] {
  const rowSet = new Set(rows);
  const rowOf = new Map<string, TreeNode | null>();
  const findRow = (skillId: string): TreeNode | null => {
    if (rowOf.has(skillId)) return rowOf.get(skillId)!;
    let found: TreeNode | null = null;
    for (let n = tree.byId.get(skillId) ?? null; n; n = n.parent) {
      if (rowSet.has(n)) {
        found = n;
        break;
      }
    }
    rowOf.set(skillId, found);
    return found;
  };
  const supplyOf = new Map(cells.map((c) => [c.skillId, c]));
  const out: HeatmapCell[] = [];
  for (const role of roles) {
    const total = role.requirements.reduce((s, q) => s + Math.max(0, q.weight), 0) || 1;
    const acc = new Map<TreeNode, { demand: number; supply: number; known: number; count: number }>();
    for (const q of role.requirements) {
      const row = findRow(q.skillId);
      if (!row) continue;
      const a = acc.get(row) ?? { demand: 0, supply: 0, known: 0, count: 0 };
      const w = Math.max(0, q.weight) / total;
      const cell = supplyOf.get(q.skillId);
      a.demand += w;
      a.count += 1;
      if (!cell?.suppressed) {
        a.known += 1;
        a.supply += w * (cell?.supply ?? 0);
      }
      acc.set(row, a);
    }
    for (const row of rows) {
      const a = acc.get(row);
      const suppressed = a !== undefined && a.count > 0 && a.known === 0;
      const demand = a?.demand ?? 0;
      const supply = a?.supply ?? 0;
      out.push({
        rowId: row.id,
        rowLabel: row.label,
        columnId: role.id,
        columnLabel: role.title,
        demand,
        supply: suppressed ? null : supply,
        gap: suppressed ? null : demand - supply,
        suppressed,
      });
    }
  }
  return out;
}
