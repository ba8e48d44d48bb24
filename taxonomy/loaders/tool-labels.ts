import { readFileSync } from 'node:fs';
import { normaliseLabel } from '../model/normalise.ts';
import type { Skill } from '../model/types.ts';

/** esco-tool-labels.json (scripts/build-tool-labels.ts): product names by ESCO skill URI. */
interface ToolLabelsFile {
  readonly skills: Readonly<Record<string, readonly string[]>>;
}

let cached: ReadonlyMap<string, readonly string[]> | undefined;

/** Product names by ESCO skill URI, read once. */
export function toolLabels(): ReadonlyMap<string, readonly string[]> {
  if (!cached) {
    const file = JSON.parse(readFileSync(new URL('./esco-tool-labels.json', import.meta.url), 'utf8')) as ToolLabelsFile;
    cached = new Map(Object.entries(file.skills));
  }
  return cached;
}

/**
 * The skills with their product names added as hidden labels: after the published hidden labels, skipping a name
 * whose match key one of the skill's own labels already has. A skill with no product names is returned as it is.
 */
export function withToolLabels(skills: readonly Skill[]): Skill[] {
  const names = toolLabels();
  return skills.map((s) => {
    const add = names.get(s.id);
    if (!add) return s;
    const seen = new Set([s.preferredLabel, ...s.altLabels, ...s.hiddenLabels].map(normaliseLabel));
    const extra: string[] = [];
    for (const n of add) {
      const key = normaliseLabel(n);
      if (seen.has(key)) continue;
      seen.add(key);
      extra.push(n);
    }
    return extra.length === 0 ? s : { ...s, hiddenLabels: [...s.hiddenLabels, ...extra] };
  });
}
