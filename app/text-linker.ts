import type { TextKind } from '../engine/linking/linking-weights.ts';
import type { SkillLink } from '../taxonomy/model/types.ts';

/** A skill linked from text, with what matched and the parts of its score. */
export interface TextLink extends SkillLink {
  readonly phrase: string;
  readonly parts: Readonly<Record<string, number>>;
}

/** What is known about the texts of a `linkMany` besides their words. */
export interface LinkContext {
  /**
   * Each text's stated occupation (an occupation id, null = none; one per text): a posting's `occupationalCategory`.
   * The text's skills are read in that occupation's sense (engine/linking/occupation-senses.ts).
   */
  readonly occupations?: readonly (string | null)[];
}

/** What the use-cases need of the linking pipeline (engine/linking): made by `createModelLinker`, or a small fake in unit tests. */
export interface TextLinker {
  /** Skills found in a text, best first, each with its sentence span. */
  link(text: string): Promise<readonly TextLink[]>;
  /** `link` over many texts (bulk imports, start-up linking): the same links per text, in input order. */
  linkMany(texts: readonly string[], context?: LinkContext): Promise<readonly (readonly TextLink[])[]>;
  /** The k skills nearest a short query text (skill search), best first. */
  search(text: string, k: number): Promise<readonly { readonly skillId: string; readonly score: number }[]>;
  /**
   * The same linker for another kind of text (issue 18: CV experience is linked as 'cv' — its calibration and
   * inflected verbs read as the labels' base forms —, credential descriptions as 'course'); absent = one kind for all.
   */
  withKind?(kind: TextKind): TextLinker;
}
