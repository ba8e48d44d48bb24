/** A skill hierarchy prepared once for the icicle: aggregated values, parent links, an id index. */
export interface FlatTreeNode {
  readonly id: string;
  readonly label: string;
  readonly parentId: string | null;
  readonly isGroup: boolean;
  /** Demand share of the node itself (0 when unknown). */
  readonly demand: number;
  /** Gap (demand − supply) of the node itself; null: derive from the nodes below (or unknown). */
  readonly gap: number | null;
}

export interface TreeNode {
  readonly id: string;
  readonly label: string;
  readonly isGroup: boolean;
  /** The node's own demand as given. */
  readonly demand: number;
  /** The node's gap as given, else the value-weighted mean of its children's gaps (0 when nothing is known). */
  gap: number;
  parent: TreeNode | null;
  readonly children: TreeNode[];
  /** Own demand plus the values of the children (a size, not a share). */
  value: number;
  /** Number of leaves below (1 for a leaf). */
  size: number;
  depth: number;
}

export interface SkillTree {
  readonly root: TreeNode;
  readonly byId: ReadonlyMap<string, TreeNode>;
  /** Number of distinct nodes (without the synthetic root). */
  readonly count: number;
}

export const TREE_ROOT_ID = '__root__';

/**
 * Builds the tree from a flat node list. A node listed twice (a DAG: ESCO skills with several
 * broader concepts) is kept under its first parent; a node whose parent is unknown hangs under a
 * synthetic root, as do all roots. Children are ordered by label, then id.
 */
export function buildTree(nodes: readonly FlatTreeNode[], rootLabel = 'All skills'): SkillTree {
  const root: TreeNode = { id: TREE_ROOT_ID, label: rootLabel, isGroup: true, demand: 0, gap: Number.NaN, parent: null, children: [], value: 0, size: 0, depth: 0 };
  const byId = new Map<string, TreeNode>([[TREE_ROOT_ID, root]]);
  for (const n of nodes) {
    if (byId.has(n.id)) continue;
    byId.set(n.id, { id: n.id, label: n.label.trim(), isGroup: n.isGroup, demand: n.demand, gap: n.gap ?? Number.NaN, parent: null, children: [], value: 0, size: 0, depth: 0 });
  }
  const placed = new Set<string>();
  for (const n of nodes) {
    if (placed.has(n.id)) continue;
    placed.add(n.id);
    const node = byId.get(n.id)!;
    let parent = (n.parentId !== null && byId.get(n.parentId)) || root;
    // refuse a cycle: walk up from the parent; if we meet the node, hang it under the root
    for (let p: TreeNode | null = parent; p; p = p.parent) if (p === node) { parent = root; break; }
    node.parent = parent;
    parent.children.push(node);
  }
  // post-order without recursion (ESCO is deep enough to matter little, but stay safe)
  const order: TreeNode[] = [];
  const stack: TreeNode[] = [root];
  while (stack.length) {
    const n = stack.pop()!;
    order.push(n);
    n.children.sort((a, b) => a.label.localeCompare(b.label, 'en') || (a.id < b.id ? -1 : 1));
    for (const c of n.children) {
      c.depth = n.depth + 1;
      stack.push(c);
    }
  }
  for (let i = order.length - 1; i >= 0; i--) {
    const n = order[i]!;
    n.value = n.demand + n.children.reduce((s, c) => s + c.value, 0);
    n.size = (n.isGroup ? 0 : 1) + n.children.reduce((s, c) => s + c.size, 0);
    if (Number.isNaN(n.gap)) {
      let w = 0;
      let g = 0;
      for (const c of n.children) {
        const cw = c.value > 0 ? c.value : 0;
        w += cw;
        g += cw * c.gap;
      }
      n.gap = w > 0 ? g / w : 0;
    }
  }
  return { root, byId, count: byId.size - 1 };
}

/** Root → node path. */
export function pathTo(node: TreeNode): TreeNode[] {
  const path: TreeNode[] = [];
  for (let n: TreeNode | null = node; n; n = n.parent) path.unshift(n);
  return path;
}

/** Nodes whose label contains `query` (case-insensitive), best (prefix, shorter) first. */
export function searchTree(tree: SkillTree, query: string, limit = 20): TreeNode[] {
  const q = query.trim().toLowerCase();
  if (q === '') return [];
  const hits: { node: TreeNode; rank: number }[] = [];
  for (const node of tree.byId.values()) {
    if (node === tree.root) continue;
    const at = node.label.toLowerCase().indexOf(q);
    if (at < 0) continue;
    hits.push({ node, rank: (at === 0 ? 0 : 1000) + node.label.length });
  }
  hits.sort((a, b) => a.rank - b.rank || (a.node.id < b.node.id ? -1 : 1));
  return hits.slice(0, limit).map((h) => h.node);
}
