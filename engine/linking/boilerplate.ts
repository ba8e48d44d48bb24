/**
 * Boilerplate filter: segments about benefits, equal opportunity or the company itself carry no skill
 * requirements. Keyword/pattern based and configurable (`LinkerOptions.boilerplate`).
 */
export const DEFAULT_BOILERPLATE: readonly RegExp[] = [
  // benefits
  /\b(we offer|what we offer|benefits? (package|include)|health (insurance|care|plan)|dental|vision (insurance|plan)|paid (time off|leave|holidays?)|pto\b|401\(?k\)?|pension (scheme|plan)|competitive (salary|pay|compensation)|salary range|stock options|gym membership|annual leave|bonus scheme|flexible (working|hours)|work[- ]life balance)/iu,
  // equal opportunity
  /\b(equal (employment )?opportunit|regardless of (race|gender|age|religion)|without regard to|sexual orientation|gender identity|veteran status|protected (status|characteristic)|reasonable accommodation|affirmative action|diversity and inclusion|we celebrate diversity|e-verify)/iu,
  // company blurb and application instructions
  /\b(about (us|the company)|our mission|founded in \d{4}|we are (a|an|the) (leading|global|fast|growing|world)|is (a|an|the) (leading|global) (provider|company)|apply (now|today|online)|send (your|us your) (cv|resume|résumé)|click (on )?apply|to apply,?|how to apply|deadline for applications?|application deadline|recruitment agency|\[redacted\])/iu,
];

export function isBoilerplate(segment: string, patterns: readonly RegExp[]): boolean {
  return patterns.some((p) => p.test(segment));
}
