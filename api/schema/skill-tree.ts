import { z } from 'zod';
import { builder } from '../builder.ts';
import { NotFoundError } from '../../app/errors.ts';
import { readErrors } from './errors.ts';

interface TreeNode {
  readonly id: string;
  readonly label: string;
  readonly parentId: string | null;
  readonly isGroup: boolean;
  readonly depth: number;
}

const SkillTreeNode = builder.objectRef<TreeNode>('SkillTreeNode').implement({
  description: 'One node of the skill hierarchy as a flat list (one parent per node: the first, by id).',
  fields: (t) => ({
    id: t.exposeID('id'),
    label: t.exposeString('label'),
    parentId: t.exposeString('parentId', { nullable: true }),
    isGroup: t.exposeBoolean('isGroup'),
    depth: t.exposeInt('depth'),
  }),
});

const MAX_NODES = 50_000;

builder.queryField('skillTree', (t) =>
  t.field({
    type: [SkillTreeNode],
    errors: readErrors,
    description: `The hierarchy below a group (or below every root group) to a depth, as a flat list of at most ${MAX_NODES} nodes: one request for the taxonomy explorer, whatever the taxonomy's size. A skill with several parents appears once, under the first parent reached.`,
    args: {
      rootId: t.arg.id({ required: false }),
      depth: t.arg.int({ required: false, validate: z.number().int().min(1).max(12) }),
    },
    resolve: (_r, args, { workspace }) => {
      const g = workspace.graph;
      const roots = args.rootId ? [args.rootId] : g.data.groups.filter((x) => g.parents(x.id).length === 0).map((x) => x.id).sort();
      for (const id of roots) if (!g.group(id) && !g.skill(id)) throw new NotFoundError('SkillGroup', id);
      const maxDepth = args.depth ?? 12;
      const seen = new Set<string>(roots);
      const out: TreeNode[] = roots.map((id) => ({ id, label: g.labelOf(id), parentId: null, isGroup: !!g.group(id), depth: 0 }));
      let frontier = roots;
      for (let depth = 1; depth <= maxDepth && frontier.length > 0 && out.length < MAX_NODES; depth++) {
        const next: string[] = [];
        for (const parent of frontier) {
          for (const child of g.children(parent)) {
            if (seen.has(child) || out.length >= MAX_NODES) continue;
            seen.add(child);
            out.push({ id: child, label: g.labelOf(child), parentId: parent, isGroup: !!g.group(child), depth });
            next.push(child);
          }
        }
        frontier = next;
      }
      return out;
    },
  }),
);
