import type { Credential, SkillLink } from '../../taxonomy/model/types.ts';
import type { CredentialEntry } from './types.ts';

export interface PreparedCredentials {
  readonly credentials: Credential[];
  /** Links to skills the taxonomy does not hold, dropped (custom / unknown frameworks). */
  readonly droppedLinks: number;
  /** Prerequisite / stack references to credentials neither stored nor in this batch, dropped. */
  readonly droppedReferences: number;
}

/**
 * Makes ingested credentials fit a store: skill links only to known skills (plus `extraLinks`, e.g.
 * catalogue tags linked by the caller), and `requires` / `isPartOf` only to credentials that are
 * stored already or come in the same batch.
 */
export function credentialsForStore(
  entries: readonly CredentialEntry[],
  isKnownSkill: (id: string) => boolean,
  isStoredCredential: (id: string) => boolean,
  extraLinks: (entry: CredentialEntry) => readonly SkillLink[] = () => [],
): PreparedCredentials {
  const inBatch = new Set(entries.map((e) => e.credential.id));
  const known = (id: string): boolean => inBatch.has(id) || isStoredCredential(id);
  let droppedLinks = 0;
  let droppedReferences = 0;
  const credentials = entries.map(({ credential, ...rest }) => {
    const links = [...credential.skills, ...extraLinks({ credential, ...rest })];
    const seen = new Set<string>();
    const skills = links.filter((l) => {
      if (!isKnownSkill(l.skillId)) {
        droppedLinks += 1;
        return false;
      }
      if (seen.has(l.skillId)) return false;
      seen.add(l.skillId);
      return true;
    });
    const requires = credential.requires.filter(known);
    const isPartOf = credential.isPartOf.filter(known);
    droppedReferences += credential.requires.length - requires.length + credential.isPartOf.length - isPartOf.length;
    return { ...credential, skills, requires, isPartOf };
  });
  return { credentials, droppedLinks, droppedReferences };
}
