/**
 * A cycle in a directed graph given as node → successors (here child → broader parents), or null.
 * Iterative depth-first search (no recursion limit); the cycle is returned as the node path
 * `[a, b, …, a]`. Nodes are visited in key order of `successors`, so the answer is deterministic.
 */
export function findCycle(successors: ReadonlyMap<string, readonly string[]>): string[] | null {
  const state = new Map<string, 1 | 2>(); // 1 = on the current path, 2 = done
  for (const start of successors.keys()) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const next: number[] = [0];
    state.set(start, 1);
    while (path.length > 0) {
      const top = path.length - 1;
      const node = path[top] as string;
      const succ = successors.get(node) ?? [];
      const i = next[top] as number;
      if (i >= succ.length) {
        state.set(node, 2);
        path.pop();
        next.pop();
        continue;
      }
      next[top] = i + 1;
      const s = succ[i] as string;
      const st = state.get(s);
      if (st === 1) return [...path.slice(path.indexOf(s)), s];
      if (st === undefined) {
        state.set(s, 1);
        path.push(s);
        next.push(0);
      }
    }
  }
  return null;
}
