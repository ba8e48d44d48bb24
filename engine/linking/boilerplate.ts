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

/**
 * Non-requirement sentences (issue 18): process, interview logistics, reporting lines, contract terms.
 * They can still name a skill ("Interviews take place on site" is not "give interviews to media"; "Report
 * to the team lead" is not "report facts"), so they are kept but their links are down-weighted
 * (`NON_REQUIREMENT_FACTOR` = 0.25 × confidence) rather than dropped like boilerplate.
 */
export const NON_REQUIREMENT: readonly RegExp[] = [
  // interview and selection logistics
  /\b(interviews? (will )?(take|takes|taking) place|interviews? (will be|are|is) (held|conducted|scheduled)|(the )?(selection|recruitment|hiring|interview) process|only shortlisted|shortlisted candidates|we will (contact|conduct|invite)|candidates will be (contacted|invited|notified)|on-?site interviews?|first[- ]round interview)/iu,
  // reporting lines
  /^\W*(you will |you'll |this role |the role |the position |the post |will )?(report(s|ing)?|answer(s|ing)?) (directly )?to (the|our|a|an|your)\b/iu,
  /\b(reporting (line|directly) to|reports? directly to|reporting to the)\b/iu,
  // contract and place
  /\b(start(ing)? date|contract (type|length|duration|period)|(full|part)[- ]time (position|role|contract|job)|working hours|place of work|work location|job location|duration of (the )?(contract|assignment)|probation(ary)? period|travel (expenses|costs) (will be )?(reimbursed|covered)|relocation (package|assistance))\b/iu,
];

/** Confidence multiplier for links found in a non-requirement sentence. */
export const NON_REQUIREMENT_FACTOR = 0.25;

export function isNonRequirement(segment: string): boolean {
  return NON_REQUIREMENT.some((p) => p.test(segment));
}
