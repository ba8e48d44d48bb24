import { boolean, numberAbove, numberIn, satisfies } from '../../taxonomy/model/option-check.ts';
import { checkFitOption } from '../fit/errors.ts';

export interface PostingRequirementOptions {
  /** Links below this confidence are dropped; default 0.3. */
  readonly minConfidence?: number;
  /** A link at or above this confidence is essential unless stated as optional; default 0.8. */
  readonly essentialConfidence?: number;
  /** A sentence matching this states its skills as required; default: required|must|essential|mandatory… */
  readonly requiredCue?: RegExp;
  /** A sentence matching this states its skills as optional; default: nice to have|preferred|a plus|bonus… */
  readonly optionalCue?: RegExp;
}

export interface OccupationRequirementOptions {
  /** Weight of an ESCO essential skill; default 1. */
  readonly essentialWeight?: number;
  /** Weight of an ESCO optional skill; default 0.5. */
  readonly optionalWeight?: number;
  /**
   * Add an ESCO occupation's crosswalked O*NET skills (as optional requirements); default false: there is
   * no public ESCO↔O*NET skill crosswalk, so candidates evidenced in ESCO skills could never cover them.
   */
  readonly useOnet?: boolean;
  /** O*NET skills with importance below this are dropped (1–5); default 3. */
  readonly minImportance?: number;
  /** O*NET importance at or above this is essential (1–5); default 3.5. */
  readonly essentialImportance?: number;
}

export const DEFAULT_POSTING_OPTIONS = Object.freeze({
  minConfidence: 0.3,
  essentialConfidence: 0.8,
  requiredCue: /\b(required|require[sd]?|must|essential|mandatory|minimum|need(?:ed|s)?)\b/i,
  optionalCue: /\b(nice[- ]to[- ]have|preferred|preferably|a plus|an advantage|bonus|desirable|ideally|optional)\b/i,
});

export const DEFAULT_OCCUPATION_OPTIONS = Object.freeze({
  essentialWeight: 1,
  optionalWeight: 0.5,
  useOnet: false,
  minImportance: 3,
  essentialImportance: 3.5,
});

const regExp = satisfies<RegExp>('a RegExp', (v) => v instanceof RegExp);

export function resolvePostingOptions(o: PostingRequirementOptions = {}): Required<PostingRequirementOptions> {
  return checkFitOption.all<Required<PostingRequirementOptions>>(DEFAULT_POSTING_OPTIONS, o, {
    minConfidence: numberIn(0, 1),
    essentialConfidence: numberIn(0, 1),
    requiredCue: regExp,
    optionalCue: regExp,
  });
}

export function resolveOccupationOptions(o: OccupationRequirementOptions = {}): Required<OccupationRequirementOptions> {
  return checkFitOption.all<Required<OccupationRequirementOptions>>(DEFAULT_OCCUPATION_OPTIONS, o, {
    essentialWeight: numberAbove(0, 100),
    optionalWeight: numberAbove(0, 100),
    useOnet: boolean,
    minImportance: numberIn(1, 5),
    essentialImportance: numberIn(1, 5),
  });
}
