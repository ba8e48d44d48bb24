/**
 * CTDL Pathway → Pathway: destination components (`hasDestinationComponent`, older `hasRoot`), then every
 * component reachable through `hasChild` (older `isParentOf`), condition `targetComponent`s and `precedes`,
 * plus components that declare `isPartOf` the pathway (and, when the document holds one pathway only,
 * every `*Component` node in it: HeriotWatt's semester components are linked to nothing). Conditions keep `requiredNumber` (default: all targets).
 */
import { warn, type ParseContext } from './context.ts';
import { numberOf, prop, text, textOf, type CtdlNode, type CtdlRef } from './ctdl-node.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import type { Pathway, PathwayComponent, PathwayCondition } from './types.ts';
import { at } from './values.ts';

export function buildPathways(
  nodes: readonly CtdlNode[],
  byId: ReadonlyMap<string, CtdlNode>,
  credentialIds: ReadonlySet<string>,
  refs: (v: unknown, path: string) => CtdlRef[],
  ctx: ParseContext,
): Pathway[] {
  const ids = (n: CtdlNode, ...names: string[]): string[] => names.flatMap((name) => refs(prop(n, name)?.value, '').map((r) => r.id)).filter(Boolean);

  const conditionsOf = (value: unknown, path: string, depth: number): PathwayCondition[] =>
    refs(value, path).flatMap((r): PathwayCondition[] => {
      const node = r.inline ? null : byId.get(r.id);
      const get = (k: string): { value: unknown; path: string } | undefined => {
        if (node) return prop(node, k);
        const o = r.inline;
        if (!o) return undefined;
        for (const key of [`ceterms:${k}`, `ceasn:${k}`, k, `https://purl.org/ctdl/terms/${k}`]) if (key in o) return { value: o[key], path: at(r.path, key) };
        return undefined;
      };
      if (!node && !r.inline) {
        warn(ctx, 'DANGLING_REFERENCE', r.path, `condition ${r.id} is not in the document`);
        return [];
      }
      const targetIds = refs(get('targetComponent')?.value, '').map((t) => t.id).filter(Boolean);
      const nested = depth < 8 ? conditionsOf(get('hasCondition')?.value, get('hasCondition')?.path ?? '', depth + 1) : [];
      const rn = get('requiredNumber');
      let requiredNumber = targetIds.length + nested.length;
      if (rn !== undefined) {
        const n = numberOf(rn.value);
        if (n === null || !Number.isInteger(n) || n < 0) throw new IngestError(IngestErrorCode.InvalidField, `requiredNumber must be a non-negative integer, got ${JSON.stringify(rn.value)}`, { path: rn.path });
        requiredNumber = n;
      }
      return [{ name: textOf(get('name')?.value), description: textOf(get('description')?.value), requiredNumber, targetIds, conditions: nested }];
    });

  const component = (n: CtdlNode): PathwayComponent => {
    const precedes = ids(n, 'precedes');
    if (precedes.includes(n.id)) warn(ctx, 'SELF_LOOP', prop(n, 'precedes')!.path, `${n.id} precedes itself; the self-loop is dropped`);
    const pc = prop(n, 'hasCondition');
    return {
      id: n.id,
      type: n.types[0] ?? '',
      name: text(n, 'name'),
      credentialId: credentialIds.has(n.id) ? n.id : (ids(n, 'proxyFor')[0] ?? ids(n, 'sourceData')[0] ?? null),
      childIds: ids(n, 'hasChild', 'isParentOf'),
      precedesIds: precedes.filter((p) => p !== n.id),
      conditions: pc ? conditionsOf(pc.value, pc.path, 0) : [],
    };
  };

  const pathwayCount = nodes.filter((n) => n.types.includes('Pathway')).length;
  // With one pathway in the document, every *Component node belongs to it even when nothing links to it.
  const looseComponents = pathwayCount === 1 ? nodes.filter((n) => n.types.some((t) => /Component$/.test(t))).map((n) => n.id) : [];
  const pathways: Pathway[] = [];
  for (const p of nodes) {
    if (!p.types.includes('Pathway')) continue;
    if (!p.id) throw new IngestError(IngestErrorCode.MissingField, 'a Pathway needs an @id', { path: at(p.path, '@id') });
    const destinationIds = ids(p, 'hasDestinationComponent', 'hasRoot');
    const seeds = [...destinationIds, ...nodes.filter((n) => n !== p && (ids(n, 'isPartOf').includes(p.id) || ids(n, 'isDestinationComponentFor', 'isRootOf').includes(p.id))).map((n) => n.id), ...looseComponents];
    const seen = new Set<string>();
    const components: PathwayComponent[] = [];
    const queue = [...seeds];
    while (queue.length > 0) {
      const id = queue.shift()!;
      if (seen.has(id)) continue;
      seen.add(id);
      const n = byId.get(id);
      if (!n) {
        warn(ctx, 'DANGLING_REFERENCE', p.path, `pathway component ${id} is not in the document`);
        continue;
      }
      const c = component(n);
      components.push(c);
      queue.push(...c.childIds, ...c.precedesIds, ...flatTargets(c.conditions));
    }
    if (destinationIds.length === 0) warn(ctx, 'NO_DESTINATION', p.path, 'the pathway names no hasDestinationComponent');
    pathways.push({ id: p.id, name: text(p, 'name'), description: text(p, 'description'), destinationIds, components });
  }
  return pathways;
}

function flatTargets(conds: readonly PathwayCondition[]): string[] {
  return conds.flatMap((c) => [...c.targetIds, ...flatTargets(c.conditions)]);
}

