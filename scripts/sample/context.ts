import type { Occupation, Skill, TaxonomyData } from '../../taxonomy/model/types.ts';
import type { Rng } from './rng.ts';

/** What every generator step reads: the picked taxonomy with lookups, and the one shared random stream. */
export interface SampleContext {
  readonly rng: Rng;
  readonly taxonomy: TaxonomyData;
  readonly skill: (id: string) => Skill;
  readonly occupation: (id: string) => Occupation;
  /** Picked ESCO occupation id → sector id. */
  readonly sectorOf: ReadonlyMap<string, string>;
  /** The occupation's picked skills of one kind, sorted by id. */
  readonly occupationSkills: (occupationId: string, kind: 'essential' | 'optional') => readonly string[];
}

export function makeContext(rng: Rng, taxonomy: TaxonomyData, sectorOf: ReadonlyMap<string, string>): SampleContext {
  const skills = new Map(taxonomy.skills.map((s) => [s.id, s]));
  const occupations = new Map(taxonomy.occupations.map((o) => [o.id, o]));
  const byOcc = new Map<string, string[]>();
  for (const os of taxonomy.occupationSkills) {
    const key = `${os.occupationId} ${os.relationType}`;
    const list = byOcc.get(key);
    if (list) list.push(os.skillId);
    else byOcc.set(key, [os.skillId]);
  }
  for (const list of byOcc.values()) list.sort();
  return {
    rng,
    taxonomy,
    sectorOf,
    skill: (id) => {
      const s = skills.get(id);
      if (!s) throw new Error(`unknown skill ${id}`);
      return s;
    },
    occupation: (id) => {
      const o = occupations.get(id);
      if (!o) throw new Error(`unknown occupation ${id}`);
      return o;
    },
    occupationSkills: (occupationId, kind) => byOcc.get(`${occupationId} ${kind}`) ?? [],
  };
}
