import type { Credential } from '../../taxonomy/model/types.ts';

/** Prerequisite / stack references a credential makes to credentials not (yet) in the store, by credential id. */
export type PendingReferences = Readonly<Record<string, { readonly requires: readonly string[]; readonly isPartOf: readonly string[] }>>;

/** The references of `credentials` (as the documents state them) to ids `known` does not hold. */
export function unresolvedReferences(credentials: readonly Credential[], known: (id: string) => boolean): PendingReferences {
  const out: Record<string, { requires: string[]; isPartOf: string[] }> = {};
  for (const c of credentials) {
    const requires = c.requires.filter((id) => !known(id));
    const isPartOf = c.isPartOf.filter((id) => !known(id));
    if (requires.length > 0 || isPartOf.length > 0) out[c.id] = { requires, isPartOf };
  }
  return out;
}

/**
 * References between files, whatever the import order: a credential imported before the credential it
 * requires (or stacks into) keeps that reference pending; when a later import brings the target, the
 * stored credential gets the reference back. Given the pending references of earlier imports, the ids
 * known after this import, the credentials of this import and a lookup of stored ones, returns the
 * stored credentials to rewrite (references added) and the references still pending. A credential
 * re-imported in this batch takes its pending references from `incoming` instead.
 */
export function resolvePendingReferences(
  pending: PendingReferences,
  known: (id: string) => boolean,
  incoming: PendingReferences,
  inBatch: ReadonlySet<string>,
  stored: (id: string) => Credential | undefined,
): { readonly updates: Credential[]; readonly pending: PendingReferences } {
  const still: Record<string, { requires: readonly string[]; isPartOf: readonly string[] }> = { ...incoming };
  const updates: Credential[] = [];
  for (const [id, refs] of Object.entries(pending).sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (inBatch.has(id)) continue;
    const credential = stored(id);
    if (!credential) continue; // deleted since
    const requires = refs.requires.filter(known);
    const isPartOf = refs.isPartOf.filter(known);
    if (requires.length > 0 || isPartOf.length > 0) {
      updates.push({
        ...credential,
        requires: [...new Set([...credential.requires, ...requires])],
        isPartOf: [...new Set([...credential.isPartOf, ...isPartOf])],
      });
    }
    const left = { requires: refs.requires.filter((r) => !known(r)), isPartOf: refs.isPartOf.filter((r) => !known(r)) };
    if (left.requires.length > 0 || left.isPartOf.length > 0) still[id] = left;
  }
  return { updates, pending: still };
}
