/**
 * A CTDL document read once: its nodes (the first occurrence of an @id kept, `ceterms:ctid` checked), nodes by id,
 * the VCs that wrapped nodes, which ids are frameworks or pathways, and references read with the document's
 * @context prefixes.
 * - ctid: `ce-` + UUID, naming one node only; otherwise INVALID_ID, or a warning with `ctid: 'warn'`.
 */
import { warn, type ParseContext } from './context.ts';
import { CtdlCollector, prop, refsOf, textOf, type CtdlNode, type CtdlRef, type CtdlVcWrapper } from './ctdl-node.ts';
import { IngestError, IngestErrorCode } from './errors.ts';

const CTID = /^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FRAMEWORK = /Framework$|ConceptScheme$|ProgressionModel$/;

export interface CtdlDocument {
  readonly nodes: readonly CtdlNode[];
  readonly byId: ReadonlyMap<string, CtdlNode>;
  readonly vcs: readonly CtdlVcWrapper[];
  /** Competency frameworks, concept schemes and progression models: never stacks. */
  readonly frameworkIds: ReadonlySet<string>;
  readonly pathwayIds: ReadonlySet<string>;
  /** References in a value, compact IRIs expanded. */
  refs(v: unknown, path: string): CtdlRef[];
  /** References in a node's property, at the property's path. */
  refsAt(n: CtdlNode, name: string): CtdlRef[];
}

export function readCtdlDocument(value: unknown, ctx: ParseContext): CtdlDocument {
  const col = new CtdlCollector();
  col.collect(value, '');
  const nodes = dedupeNodes(col.nodes, ctx);
  checkCtids(nodes, ctx);
  const refs = (v: unknown, path: string): CtdlRef[] => refsOf(v, path, (s) => col.expand(s));
  return {
    nodes,
    byId: new Map(nodes.filter((n) => n.id).map((n) => [n.id, n])),
    vcs: col.vcs,
    frameworkIds: new Set(nodes.filter((n) => n.types.some((t) => FRAMEWORK.test(t))).map((n) => n.id)),
    pathwayIds: new Set(nodes.filter((n) => n.types.includes('Pathway')).map((n) => n.id)),
    refs,
    refsAt: (n, name) => {
      const pv = prop(n, name);
      return pv ? refs(pv.value, pv.path) : [];
    },
  };
}

function dedupeNodes(nodes: readonly CtdlNode[], ctx: ParseContext): CtdlNode[] {
  const seen = new Set<string>();
  const out: CtdlNode[] = [];
  for (const n of nodes) {
    if (n.id && seen.has(n.id)) {
      warn(ctx, 'DUPLICATE_NODE', n.path, `node ${n.id} appears again; the first occurrence is kept`);
      continue;
    }
    if (n.id) seen.add(n.id);
    out.push(n);
  }
  return out;
}

function checkCtids(nodes: readonly CtdlNode[], ctx: ParseContext): void {
  const owner = new Map<string, CtdlNode>();
  for (const n of nodes) {
    const p = prop(n, 'ctid');
    if (!p) continue;
    const ctid = textOf(p.value);
    const problem = !CTID.test(ctid)
      ? `ceterms:ctid ${JSON.stringify(ctid)} is not "ce-" followed by a UUID`
      : owner.has(ctid.toLowerCase()) && owner.get(ctid.toLowerCase())!.id !== n.id
        ? `ceterms:ctid ${ctid} is reused: ${owner.get(ctid.toLowerCase())!.path} has it too`
        : null;
    if (!problem) {
      owner.set(ctid.toLowerCase(), n);
      continue;
    }
    if (ctx.ctid === 'strict') throw new IngestError(IngestErrorCode.InvalidId, problem, { path: p.path });
    warn(ctx, IngestErrorCode.InvalidId, p.path, `${problem}; the node is kept under its @id`);
  }
}
