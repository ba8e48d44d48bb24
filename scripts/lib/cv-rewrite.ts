/**
 * Rule-based rewrites of job-posting requirement sentences into CV and course phrasing (issue 18): the training set's
 * CV and course queries, so that a confidence calibration can be fitted per kind of text. A posting says what the
 * holder of the job will do or must be able to do; a CV says, in the past tense and mostly without a subject, what
 * someone did; a course description says what a learner will learn to do.
 *
 *   "You will analyse sales data and prepare reports"      → CV "Analysed sales data and prepared reports"
 *   "Experience cleaning and validating data"              → CV "Cleaned and validated data"
 *   "Ability to design and maintain ETL pipelines"         → course "Learn how to design and maintain ETL pipelines"
 *
 * Only sentences whose requirement frame (if any) is followed by a verb that starts skill labels are rewritten (the
 * verb set comes from the taxonomy's labels, see `verbStarts`); anything else returns null.
 */
import { STOP_WORDS } from '../../engine/linking/stop-words.ts';

/** Base form → irregular past tense (the inverse of the lemmatiser's table, for the verbs labels start with). */
const IRREGULAR_PAST: Readonly<Record<string, string>> = {
  lead: 'led', build: 'built', write: 'wrote', teach: 'taught', run: 'ran', make: 'made', give: 'gave', keep: 'kept',
  hold: 'held', take: 'took', draw: 'drew', drive: 'drove', speak: 'spoke', sell: 'sold', buy: 'bought', bring: 'brought',
  think: 'thought', find: 'found', meet: 'met', send: 'sent', spend: 'spent', understand: 'understood', grow: 'grew',
  know: 'knew', get: 'got', begin: 'began', choose: 'chose', deal: 'dealt', feed: 'fed', fight: 'fought', win: 'won',
  oversee: 'oversaw', undertake: 'undertook', pay: 'paid', lay: 'laid', tell: 'told', seek: 'sought', stand: 'stood',
  weave: 'wove', freeze: 'froze', hang: 'hung', dig: 'dug', shake: 'shook', ride: 'rode', fly: 'flew', throw: 'threw',
  withdraw: 'withdrew', break: 'broke', lend: 'lent', bend: 'bent', strike: 'struck', sweep: 'swept', set: 'set',
  put: 'put', cut: 'cut', read: 'read', spread: 'spread', forecast: 'forecast', sew: 'sewed', see: 'saw', do: 'did',
  go: 'went', be: 'was', have: 'had', say: 'said', come: 'came', become: 'became', rebuild: 'rebuilt', rewrite: 'rewrote',
};

/** The past tense of a base-form verb (regular rules plus the irregular table). */
export function pastTense(base: string): string {
  const w = base.toLowerCase();
  const irregular = Object.hasOwn(IRREGULAR_PAST, w) ? IRREGULAR_PAST[w] : undefined;
  if (irregular) return irregular;
  if (w.endsWith('e')) return `${w}d`;
  if (/[^aeiou]y$/.test(w)) return `${w.slice(0, -1)}ied`;
  // One vowel, ending consonant-vowel-consonant (plan, ship, map, stop): the consonant doubles.
  if (/^[^aeiou]*[aeiou][bdgklmnprt]$/.test(w)) return `${w}${w.at(-1)}ed`;
  if (/(?:mit|fer|pel|trol)$/.test(w) && w.length > 5) return `${w}${w.at(-1)}ed`;
  return `${w}ed`;
}

/** The verbs skill labels start with, and the gerunds that start labels as nouns ("engineering", "marketing"). */
export interface LabelVerbs {
  readonly verbs: ReadonlySet<string>;
  readonly nounGerunds: ReadonlySet<string>;
}

/** The base form of a gerund (-ing) among `verbs`, else null ("cleaning" → "clean", "managing" → "manage", "planning" → "plan"). */
function gerundBase(word: string, { verbs, nounGerunds }: LabelVerbs): string | null {
  if (!word.endsWith('ing') || word.length < 5 || nounGerunds.has(word)) return null;
  const stem = word.slice(0, -3);
  const tries = [stem, `${stem}e`, stem.at(-1) === stem.at(-2) ? stem.slice(0, -1) : '', stem.endsWith('y') ? `${stem.slice(0, -1)}ie` : ''];
  return tries.find((t) => t !== '' && verbs.has(t)) ?? null;
}

/**
 * Verbs that skill labels start with: first words of multi-word labels, at least `minCount` times, not stop words,
 * and confirmed as verbs by their gerund appearing in some label ("manage" by "managing", "clean" by "cleaning";
 * "technical", "natural" or "team" start labels too, but have no gerund there).
 */
export function verbStarts(labels: Iterable<string>, minCount = 10): LabelVerbs {
  const n = new Map<string, number>();
  const words = new Set<string>();
  for (const l of labels) {
    const ws = l.toLowerCase().match(/[a-z][a-z'-]*/g) ?? [];
    for (const w of ws) words.add(w);
    if (ws.length >= 2) n.set(ws[0]!, (n.get(ws[0]!) ?? 0) + 1);
  }
  const verbs = new Set<string>();
  const nounGerunds = new Set<string>();
  for (const [w, c] of n) {
    if (c < minCount || STOP_WORDS.has(w) || /(?:ed|ing)$/.test(w)) continue;
    const gerunds = [`${w}ing`, w.endsWith('e') ? `${w.slice(0, -1)}ing` : '', `${w}${w.at(-1)}ing`, w.endsWith('ie') ? `${w.slice(0, -2)}ying` : ''].filter((g) => g !== '' && words.has(g));
    if (gerunds.length > 0) verbs.add(w);
    // A gerund that starts labels at least as often as its verb is used as a noun ("engineering processes").
    for (const g of gerunds) if ((n.get(g) ?? 0) >= c) nounGerunds.add(g);
  }
  for (const [w, c] of n) if (w.endsWith('ing') && c >= minCount && !verbs.has(w.slice(0, -3)) && !verbs.has(`${w.slice(0, -3)}e`)) nounGerunds.add(w);
  return { verbs, nounGerunds };
}

/** Requirement frames at a sentence's start (case-insensitive), longest first; what follows should be a verb. */
const FRAMES: readonly RegExp[] = [
  /^(?:the )?(?:successful |ideal )?(?:candidate|applicant|person|jobholder|incumbent|post ?holder|employee)s? (?:will|shall|should|must|is expected to|are expected to|needs? to)(?: be able to| be required to)? /i,
  /^(?:you|we) (?:will|shall|should|must|would|need to|are expected to|expect you to|are required to)(?: be able to| be required to| also)? /i,
  /^(?:you'll|you’ll|we'll|we’ll)(?: be able to| also)? /i,
  /^(?:(?:a )?(?:proven|demonstrated|demonstrable|strong|excellent|good|solid|the)? ?(?:ability|capability|capacity|willingness|experience) (?:to|in|of|with)) /i,
  /^(?:(?:proven|demonstrated|demonstrable|strong|excellent|good|solid|hands-on|practical|relevant|previous|prior) )?experience (?:in |of |with )?/i,
  /^(?:(?:must|should|will) (?:be able to )?|be able to |able to |capable of |(?:be )?responsible for |responsibilities include |duties include |help(?:ing)? (?:to )?|to )/i,
];

export interface RewriteOptions {
  /** Verbs that skill labels start with (`verbStarts`). */
  readonly verbs: LabelVerbs;
  /** A number in [0, 1) drawn for this sentence (seeded): picks a first-person "I …" variant for a share of CV rewrites. */
  readonly draw: number;
}

/** The sentence with its requirement frame removed, the leading verb in base form and the rest; null when it does not start (after the frame) with a label verb. */
function split(sentence: string, verbs: LabelVerbs): { verbs: string[]; joiner: string; rest: string } | null {
  let s = sentence.trim().replace(/^[-–•*·]\s*/, '');
  // Frames can stack ("The candidate will be responsible for …"): strip while one matches.
  for (let round = 0; round < 3; round++) {
    const m = FRAMES.map((f) => f.exec(s)).find((x) => x !== null);
    if (!m) break;
    s = s.slice(m[0].length);
  }
  const m = /^([A-Za-z]+)(?:(\s*,\s*|\s+(?:and|or|&)\s+)([A-Za-z]+))?\b/.exec(s);
  if (!m) return null;
  const base = (w: string): string | null => {
    const l = w.toLowerCase();
    return verbs.verbs.has(l) ? l : gerundBase(l, verbs);
  };
  const v1 = base(m[1]!);
  // "Understanding of …", "Planning of …": a gerund used as a noun.
  if (!v1 || (v1 !== m[1]!.toLowerCase() && /^\s+of\b/i.test(s.slice(m[1]!.length)))) return null;
  const v2 = m[3] ? base(m[3]) : null;
  if (v2) return { verbs: [v1, v2], joiner: /,/.test(m[2]!) ? ', ' : ` ${m[2]!.trim().replace('&', 'and')} `, rest: s.slice(m[0].length) };
  return { verbs: [v1], joiner: '', rest: s.slice(m[1]!.length) };
}

const capitalise = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const tidy = (s: string): string => s.replace(/\s+/g, ' ').replace(/[\s.;:,]+$/, '').trim();

/** A posting sentence as a CV line ("Analysed sales data and prepared reports"; for a share, "I analysed …"), or null. */
export function rewriteAsCv(sentence: string, opts: RewriteOptions): string | null {
  const parts = split(sentence, opts.verbs);
  if (!parts) return null;
  const head = parts.verbs.map(pastTense).join(parts.joiner);
  const line = tidy(`${head}${parts.rest}`);
  if (line.split(' ').length < 2) return null;
  return opts.draw < 0.3 ? `I ${line}` : capitalise(line);
}

/** A posting sentence as a course learning outcome ("Learn how to analyse sales data …"), or null. */
export function rewriteAsCourse(sentence: string, opts: RewriteOptions): string | null {
  const parts = split(sentence, opts.verbs);
  if (!parts) return null;
  const body = tidy(`${parts.verbs.join(parts.joiner)}${parts.rest}`);
  if (body.split(' ').length < 2) return null;
  const frames = ['Learn how to', 'In this course you will learn to', 'Learners will be able to', 'By the end of the course you can'];
  return `${frames[Math.min(frames.length - 1, Math.floor(opts.draw * frames.length))]!} ${body}`;
}
