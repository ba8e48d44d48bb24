import type { SampleContext } from './context.ts';
import { CITIES, EMPLOYERS, REFERENCE_DATE, SECTORS, type EmployerSpec } from './catalogue.ts';
import { addDays, article, capFirst, clean, spokenLabel, titleCase } from './text.ts';

/** The generator's own view of a posting; `essential` and `niceToHave` feed roles.json. */
export interface PostingSpec {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly employer: EmployerSpec;
  readonly occupationId: string;
  readonly datePosted: string;
  readonly city: (typeof CITIES)[number];
  readonly salary: readonly [number, number];
  readonly employmentType: string;
  /** Skills named in duties and requirements. */
  readonly essential: readonly string[];
  /** Skills named under "nice to have". */
  readonly niceToHave: readonly string[];
}

const COUNT = 300;
const WINDOW_DAYS = 548; // 18 months before REFERENCE_DATE

const SKILL_PHRASES = [
  (l: string) => `You can ${l} without close supervision.`,
  (l: string) => `Proven ability to ${l}.`,
  (l: string) => `Able to ${l} safely and accurately.`,
  (l: string) => `Experience shows you know how to ${l}.`,
  (l: string) => `You are confident when asked to ${l}.`,
];
const KNOWLEDGE_PHRASES = [
  (l: string) => `Knowledge of ${l}.`,
  (l: string) => `Experience with ${l}.`,
  (l: string) => `Good understanding of ${l}.`,
  (l: string) => `Familiarity with ${l} is expected.`,
  (l: string) => `Working knowledge of ${l}.`,
];
const NICE_PHRASES = [
  (l: string) => `Being able to ${l} is a plus.`,
  (l: string) => `It would help if you can ${l}.`,
  (l: string) => `Bonus points if you have had to ${l} before.`,
];
const NICE_KNOWLEDGE_PHRASES = [
  (l: string) => `Exposure to ${l}.`,
  (l: string) => `Some experience with ${l} would help.`,
  (l: string) => `Bonus points if you have worked with ${l}.`,
];
const GENERIC_DUTIES = [
  'Keep accurate records and hand over clearly at the end of each shift.',
  'Report to the team lead and join our weekly planning meeting.',
  'Help onboard new colleagues and share what you know.',
  'Follow our internal policies and raise issues early.',
  'Take part in continuous improvement workshops.',
];
const GENERIC_REQUIREMENTS = [
  "A valid driver's licence is a plus.",
  'Eligible to work in the United States.',
  'Able to work occasional weekends.',
  'Reliable, punctual and organised.',
  'A positive attitude and a willingness to learn.',
];
const BENEFITS = [
  'Competitive salary with an annual review.',
  'Health, dental and vision insurance from day one.',
  '401(k) with a 4% employer match.',
  '25 days of paid time off plus public holidays.',
  'A yearly training budget of $1,500.',
  'Flexible hours and a hybrid schedule where the job allows.',
  'Free parking and a cycle-to-work scheme.',
  'Paid parental leave.',
];
const EEO = [
  'We are an equal opportunity employer. All qualified applicants will receive consideration for employment without regard to race, colour, religion, sex, sexual orientation, gender identity, national origin, disability or veteran status.',
  'We welcome applications from everyone and value diversity in our workforce. Reasonable accommodations are available on request during the hiring process.',
];
const ROLE_LINES = [
  (t: string, c: string) => `We are hiring ${article(t)} ${t} to join our team in ${c}.`,
  (t: string, c: string) => `Our ${c} site is looking for ${article(t)} ${t}.`,
  (t: string, c: string) => `Join us in ${c} as ${article(t)} ${t}.`,
];
const TYPICAL_WEEK = [
  'Most of your week is hands-on work with the team, with a planning session on Monday and a short review on Friday. Twice a month you will spend a day with a different department to see how your work fits into the bigger picture, and once a quarter we all get together for a longer workshop and a team lunch.',
  'Expect a mix of routine tasks and new challenges. You will plan your own day around agreed priorities, check in with your supervisor each morning and help colleagues when things get busy. We review workloads every week so nobody is left carrying too much for too long.',
  'You will split your time between scheduled work and unplanned requests from colleagues and customers. We use a shared board to keep track of what is in progress, and we hold a short stand-up every morning so that problems are spotted early and shared fairly.',
];
const HOW_TO_APPLY = [
  'Send us your CV and a short note about why this role interests you. We read every application and aim to reply within ten working days. Shortlisted applicants are invited to a friendly conversation with the hiring manager, followed by a short practical exercise.',
  'Apply through our careers page with your CV. There is no need for a cover letter, but tell us in a few lines about a piece of work you are proud of. Interviews take place on site or by video call, whichever suits you better.',
];
const EMPLOYMENT_TYPES = ['FULL_TIME', 'FULL_TIME', 'FULL_TIME', 'FULL_TIME', 'PART_TIME', 'CONTRACTOR'];

function titles(ctx: SampleContext, occupationId: string): string[] {
  const occ = ctx.occupation(occupationId);
  const alts = occ.altLabels.map(clean).filter((a) => a.split(' ').length <= 4 && !/[/()]/.test(a));
  return [clean(occ.preferredLabel), ...alts];
}

function phrase(ctx: SampleContext, id: string, table: readonly ((l: string) => string)[]): string {
  const skill = ctx.skill(id);
  const label = spokenLabel(ctx.rng, skill);
  const forms = skill.skillType !== 'knowledge' ? table : table === NICE_PHRASES ? NICE_KNOWLEDGE_PHRASES : KNOWLEDGE_PHRASES;
  return ctx.rng.pick(forms)(label);
}

/** ~300 schema.org JobPostings with templated free text; `skills` is the ground truth the template used. */
export function makePostings(ctx: SampleContext): PostingSpec[] {
  const { rng } = ctx;
  const out: PostingSpec[] = [];
  for (let i = 0; i < COUNT; i++) {
    const employer = rng.pick(EMPLOYERS);
    const sectorId = rng.pick(employer.sectors);
    const sector = SECTORS.find((s) => s.id === sectorId) as (typeof SECTORS)[number];
    const occupationId = rng.pick(sector.occupations);
    const city = rng.pick(CITIES);
    const senior = rng.pick(['', '', '', 'Senior ', 'Junior ', 'Lead ']);
    const title = titleCase(`${senior}${rng.pick(titles(ctx, occupationId))}`);
    const offset = sector.growing ? Math.floor(WINDOW_DAYS * (1 - Math.sqrt(rng.float()))) : rng.int(0, WINDOW_DAYS - 1);
    const datePosted = addDays(REFERENCE_DATE, -offset);

    const essentials = rng.shuffle(ctx.occupationSkills(occupationId, 'essential'));
    const duties = essentials.filter((id) => ctx.skill(id).skillType !== 'knowledge').slice(0, rng.int(2, 3));
    const requirements = essentials.filter((id) => !duties.includes(id)).slice(0, rng.int(3, 5));
    const niceToHave = rng.sample(ctx.occupationSkills(occupationId, 'optional'), rng.int(1, 2));

    const lines: string[] = [];
    lines.push('About us', `${employer.blurb} ${rng.pick(['We have grown every year since we started.', 'Our people are at the heart of everything we do.', 'We are proud of our friendly, supportive culture.'])}`, '');
    lines.push('The role', `${rng.pick(ROLE_LINES)(title.toLowerCase(), city.city)} ${rng.pick(['This is a permanent position.', 'You will work closely with a small, experienced team.', 'The role reports to the operations manager.'])}`, '');
    lines.push("What you'll do");
    for (const id of duties) lines.push(`- ${capFirst(spokenLabel(rng, ctx.skill(id)))}.`);
    for (const d of rng.sample(GENERIC_DUTIES, rng.int(1, 2))) lines.push(`- ${d}`);
    lines.push('', "What we're looking for");
    for (const id of requirements) lines.push(`- ${phrase(ctx, id, SKILL_PHRASES)}`);
    lines.push(`- ${rng.pick(GENERIC_REQUIREMENTS)}`);
    if (niceToHave.length > 0) {
      lines.push('', 'Nice to have');
      for (const id of niceToHave) lines.push(`- ${phrase(ctx, id, NICE_PHRASES)}`);
    }
    if (rng.chance(0.5)) lines.push('', 'A typical week', rng.pick(TYPICAL_WEEK));
    lines.push('', 'What we offer');
    for (const b of rng.sample(BENEFITS, rng.int(3, 5))) lines.push(`- ${b}`);
    if (rng.chance(0.5)) lines.push('', 'How to apply', rng.pick(HOW_TO_APPLY));
    lines.push('', rng.pick(EEO));

    const span = sector.salary[1] - sector.salary[0];
    const min = Math.round((sector.salary[0] + rng.float() * span * 0.6) / 1000) * 1000;
    const max = min + rng.int(8, 30) * 1000;
    out.push({
      id: `urn:sample:posting:${String(i + 1).padStart(4, '0')}`,
      title,
      description: lines.join('\n'),
      employer,
      occupationId,
      datePosted,
      city,
      salary: [min, max],
      employmentType: rng.pick(EMPLOYMENT_TYPES),
      essential: [...duties, ...requirements],
      niceToHave,
    });
  }
  return out;
}

/** The schema.org JobPosting JSON-LD for a posting. */
export function toJobPosting(ctx: SampleContext, p: PostingSpec): Record<string, unknown> {
  const occ = ctx.occupation(p.occupationId);
  return {
    '@context': 'https://schema.org',
    '@type': 'JobPosting',
    identifier: p.id,
    title: p.title,
    description: p.description,
    datePosted: p.datePosted,
    employmentType: p.employmentType,
    hiringOrganization: { '@type': 'Organization', name: p.employer.name, identifier: p.employer.id },
    jobLocation: {
      '@type': 'Place',
      address: { '@type': 'PostalAddress', addressLocality: p.city.city, addressRegion: p.city.region, addressCountry: 'US' },
    },
    occupationalCategory: {
      '@type': 'CategoryCode',
      codeValue: occ.code,
      name: occ.preferredLabel,
      inCodeSet: 'http://data.europa.eu/esco/concept-scheme/occupations',
      url: occ.id,
    },
    skills: [...p.essential, ...p.niceToHave].map((id) => ({
      '@type': 'DefinedTerm',
      name: clean(ctx.skill(id).preferredLabel),
      url: id,
      inDefinedTermSet: 'http://data.europa.eu/esco/concept-scheme/skills',
    })),
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: 'USD',
      value: { '@type': 'QuantitativeValue', minValue: p.salary[0], maxValue: p.salary[1], unitText: 'YEAR' },
    },
  };
}
