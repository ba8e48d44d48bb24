/** The shapes of a sample credential's stated standing (generated in standing.ts, written in credentials.ts). */

export interface SampleAgent {
  readonly id: string;
  readonly name: string;
}

export interface StandingSpec {
  readonly recognition: readonly { readonly kind: 'accreditedBy' | 'recognizedBy' | 'endorsement'; readonly agent: SampleAgent; readonly uuid: string }[];
  /** CTDL only: the assessment method (AssessmentMethod concept) and its description. */
  readonly assessment: { readonly node: string; readonly name: string; readonly description: string } | null;
}
