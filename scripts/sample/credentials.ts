import type { SampleContext } from './context.ts';
import { ISSUERS, SECTORS, type IssuerSpec } from './catalogue.ts';
import type { StandingSpec } from './standing-spec.ts';
import { article, capFirst, clean, joinList, titleCase } from './text.ts';

export type CredentialKind = 'badge' | 'micro-credential' | 'certificate' | 'professional-certificate';
export type Level = 'beginner' | 'intermediate' | 'advanced';

/** One row of the type table shared by both formats (documented in datasets/README.md). */
export const KIND_TYPES: Readonly<Record<CredentialKind, { readonly ob3: string; readonly ctdl: string }>> = {
  badge: { ob3: 'Badge', ctdl: 'ceterms:Badge' },
  'micro-credential': { ob3: 'MicroCredential', ctdl: 'ceterms:MicroCredential' },
  certificate: { ob3: 'Certificate', ctdl: 'ceterms:Certificate' },
  'professional-certificate': { ob3: 'Certification', ctdl: 'ceterms:Certification' },
};

const AUDIENCE_LEVEL: Readonly<Record<Level, { readonly node: string; readonly name: string }>> = {
  beginner: { node: 'audLevel:BeginnerLevel', name: 'Beginner Level' },
  intermediate: { node: 'audLevel:IntermediateLevel', name: 'Intermediate Level' },
  advanced: { node: 'audLevel:AdvancedLevel', name: 'Advanced Level' },
};

/** The generator's own view of a credential, before it is written as OB3 or CTDL. */
export interface CredentialSpec {
  format: 'ob3' | 'ctdl';
  id: string;
  ctid: string | null;
  readonly kind: CredentialKind;
  readonly sector: string | null;
  readonly occupationId: string | null;
  readonly issuer: IssuerSpec;
  readonly name: string;
  readonly description: string;
  readonly criteria: string;
  readonly level: Level;
  readonly cost: number;
  readonly hours: number;
  readonly skills: readonly string[];
  readonly requires: CredentialSpec[];
  readonly isPartOf: CredentialSpec[];
  readonly hasPart: CredentialSpec[];
  /** Recognition / assessment the document states (scripts/sample/standing.ts); absent for most. */
  standing?: StandingSpec;
}

const ESCO_SKILLS = 'http://data.europa.eu/esco/concept-scheme/skills';
const TOTAL = 200;

function round5(n: number): number {
  return Math.round(n / 5) * 5;
}

function primaryIssuer(sector: string): IssuerSpec {
  return ISSUERS.find((i) => i.sectors[0] === sector) ?? ISSUERS.find((i) => i.sectors.includes(sector)) ?? (ISSUERS[ISSUERS.length - 1] as IssuerSpec);
}

const CROSS_ISSUER = ISSUERS.find((i) => i.sectors.length === 0) as IssuerSpec;

/**
 * Builds ~200 credentials: per ESCO occupation a stack (2–3 badges → certificate, two certificates → a
 * professional certificate), cross-sector micro-credentials for transversal skills and sector
 * micro-credentials. Prerequisites only ever point at credentials made earlier, so they cannot cycle.
 * Half are then written as OB3 Achievements and half as CTDL, chosen by the seeded stream.
 */
export function makeCredentials(ctx: SampleContext): CredentialSpec[] {
  const { rng } = ctx;
  const all: CredentialSpec[] = [];
  const names = new Set<string>();
  const add = (spec: Omit<CredentialSpec, 'format' | 'id' | 'ctid' | 'hasPart'>): CredentialSpec => {
    let name = spec.name;
    for (let n = 2; names.has(name); n++) name = `${spec.name} ${n}`;
    names.add(name);
    const full: CredentialSpec = { ...spec, name, format: 'ob3', id: '', ctid: null, hasPart: [] };
    for (const parent of spec.isPartOf) parent.hasPart.push(full);
    all.push(full);
    return full;
  };
  const labels = (ids: readonly string[]): string => joinList(ids.map((id) => clean(ctx.skill(id).preferredLabel)));
  const describe = (kind: string, level: Level, issuer: IssuerSpec, skills: readonly string[], focus: string): string =>
    `${rng.pick([capFirst(article(level)), 'This'])} ${level} ${kind} from ${issuer.name} ${rng.pick(['for', 'aimed at', 'designed for'])} ${focus}. ` +
    `${rng.pick(['Skills covered:', 'It covers:', 'Aligned skills:'])} ${labels(skills)}.`;
  const criteria = (hours: number, kind: CredentialKind): string =>
    kind === 'badge'
      ? rng.pick([`Complete about ${hours} hours of guided practice and pass an observed skills check.`, `Submit a short portfolio of work and pass an online quiz (70% or higher).`])
      : kind === 'micro-credential'
        ? `Finish ${hours} hours of learning and a workplace project reviewed by an assessor.`
        : kind === 'certificate'
          ? `Hold the badges listed as parts, or pass the equivalent assessments, and complete a capstone task.`
          : `Hold both certificates of the stack and pass a proctored final examination and a practical assessment.`;

  // Cross-sector micro-credentials on transversal / widely reused skills, made first so stacks can require them.
  const occSkills = (occ: string): string[] => [...ctx.occupationSkills(occ, 'essential'), ...ctx.occupationSkills(occ, 'optional')];
  const usage = new Map<string, number>();
  for (const s of SECTORS) for (const o of s.occupations) for (const id of occSkills(o)) usage.set(id, (usage.get(id) ?? 0) + 1);
  const transversal = [...usage.keys()]
    .filter((id) => ctx.skill(id).reuseLevel === 'transversal' || (usage.get(id) ?? 0) >= 2)
    .sort();
  const transversalCreds: CredentialSpec[] = [];
  for (const group of chunk(rng.shuffle(transversal), 2).slice(0, 12)) {
    const level = rng.pick<Level>(['beginner', 'beginner', 'intermediate']);
    const hours = rng.int(3, 24);
    transversalCreds.push(
      add({
        kind: 'micro-credential',
        sector: null,
        occupationId: null,
        issuer: CROSS_ISSUER,
        name: `${titleCase(ctx.skill(group[0] as string).preferredLabel)} ${rng.pick(['Micro-credential', 'Workplace Skills', 'Essentials'])}`,
        description: describe('micro-credential', level, CROSS_ISSUER, group, 'anyone entering the workforce'),
        criteria: criteria(hours, 'micro-credential'),
        level,
        cost: rng.chance(0.4) ? 0 : round5(rng.int(20, 180)),
        hours,
        skills: group,
        requires: [],
        isPartOf: [],
      }),
    );
  }

  // One stack per occupation.
  const stackBadges = new Map<string, CredentialSpec[]>();
  for (const sector of SECTORS) {
    const issuer = primaryIssuer(sector.id);
    const partners = ISSUERS.filter((i) => i !== issuer && (i.sectors.includes(sector.id) || i.sectors.length === 0));
    for (const occId of sector.occupations) {
      const occTitle = titleCase(ctx.occupation(occId).preferredLabel);
      const essential = rng.shuffle(ctx.occupationSkills(occId, 'essential'));
      const optional = rng.shuffle(ctx.occupationSkills(occId, 'optional'));
      let cursor = 0;
      const nextEssential = (): string => essential[cursor++ % essential.length] as string;
      const proLevel: Level = 'advanced';
      const proHours = rng.int(150, 300);
      const certNames = rng.sample(['Foundations', 'Core Practice', 'Applied Skills', 'Advanced Practice'], 2);
      const proSkills = new Set<string>();
      const pro = add({
        kind: 'professional-certificate',
        sector: sector.id,
        occupationId: occId,
        issuer,
        name: rng.pick([`Professional Certificate in ${occTitle}`, `Certified ${occTitle}`, `${occTitle} Professional Certification`]),
        description: '',
        criteria: criteria(proHours, 'professional-certificate'),
        level: proLevel,
        cost: round5(rng.int(1100, 2000)),
        hours: proHours,
        skills: [],
        requires: transversalCreds.length > 0 && rng.chance(0.5) ? [rng.pick(transversalCreds)] : [],
        isPartOf: [],
      });
      const badges: CredentialSpec[] = [];
      let previousCert: CredentialSpec | null = null;
      for (const certName of certNames) {
        const certHours = rng.int(30, 120);
        const certLevel: Level = certName === 'Foundations' ? 'beginner' : 'intermediate';
        const certSkills = new Set<string>();
        const cert = add({
          kind: 'certificate',
          sector: sector.id,
          occupationId: occId,
          issuer,
          name: `${occTitle} ${certName} Certificate`,
          description: '',
          criteria: criteria(certHours, 'certificate'),
          level: certLevel,
          cost: round5(rng.int(250, 900)),
          hours: certHours,
          skills: [],
          requires: previousCert && rng.chance(0.7) ? [previousCert] : [],
          isPartOf: [pro],
        });
        previousCert = cert;
        let previousBadge: CredentialSpec | null = null;
        const badgeCount = rng.int(2, 3);
        for (let b = 0; b < badgeCount; b++) {
          const skills = [...new Set([nextEssential(), nextEssential()])];
          const badgeIssuer = partners.length > 0 && rng.chance(0.15) ? rng.pick(partners) : issuer;
          const level: Level = rng.chance(0.7) ? 'beginner' : 'intermediate';
          const hours = rng.int(2, 20);
          const badge = add({
            kind: 'badge',
            sector: sector.id,
            occupationId: occId,
            issuer: badgeIssuer,
            name: `${titleCase(ctx.skill(skills[0] as string).preferredLabel)} ${rng.pick(['Badge', 'Skills Badge', 'Essentials', 'Practitioner'])}`,
            description: describe('badge', level, badgeIssuer, skills, `new ${occTitle.toLowerCase()}s`),
            criteria: criteria(hours, 'badge'),
            level,
            cost: rng.chance(0.3) ? 0 : round5(rng.int(25, 250)),
            hours,
            skills,
            requires: previousBadge && rng.chance(0.5) ? [previousBadge] : [],
            isPartOf: [cert],
          });
          previousBadge = badge;
          badges.push(badge);
          for (const s of skills) certSkills.add(s);
        }
        const extra = optional.length > 0 && rng.chance(0.5) ? (optional.shift() as string) : nextEssential();
        certSkills.add(extra);
        const sortedCert = [...certSkills];
        Object.assign(cert, { skills: sortedCert, description: describe('certificate', certLevel, issuer, sortedCert, `${occTitle.toLowerCase()}s`) });
        for (const s of sortedCert) proSkills.add(s);
      }
      for (const s of optional.slice(0, rng.int(1, 2))) proSkills.add(s);
      const proList = [...proSkills];
      Object.assign(pro, { skills: proList, description: describe('professional certificate', proLevel, issuer, proList, `experienced ${occTitle.toLowerCase()}s`) });
      stackBadges.set(occId, badges);
    }
  }

  // Sector micro-credentials fill up to TOTAL; some require a badge of the same sector.
  const sectorIds = SECTORS.map((s) => s.id);
  let n = 0;
  while (all.length < TOTAL) {
    const sector = SECTORS.find((s) => s.id === sectorIds[n % sectorIds.length]) as (typeof SECTORS)[number];
    n++;
    const occId = rng.pick(sector.occupations);
    const issuer = rng.chance(0.75) ? primaryIssuer(sector.id) : rng.pick(ISSUERS.filter((i) => i.sectors.includes(sector.id) || i.sectors.length === 0));
    const skills = rng.sample(occSkills(occId), rng.int(1, 3)).sort();
    const level = rng.pick<Level>(['beginner', 'intermediate', 'intermediate', 'advanced']);
    const hours = rng.int(4, 60);
    const badges = stackBadges.get(occId) ?? [];
    add({
      kind: 'micro-credential',
      sector: sector.id,
      occupationId: occId,
      issuer,
      name: `${titleCase(ctx.skill(skills[0] as string).preferredLabel)} ${rng.pick(['Micro-credential', 'Short Course', 'Workshop Certificate', 'Skills Sprint'])}`,
      description: describe('micro-credential', level, issuer, skills, `people working in ${sector.name.toLowerCase()}`),
      criteria: criteria(hours, 'micro-credential'),
      level,
      cost: rng.chance(0.15) ? 0 : round5(rng.int(40, 600)),
      hours,
      skills,
      requires: level !== 'beginner' && badges.length > 0 && rng.chance(0.4) ? [rng.pick(badges)] : [],
      isPartOf: [],
    });
  }

  // Formats: a seeded half of each kind as OB3, the rest CTDL; then ids.
  const ob3 = new Set<CredentialSpec>();
  for (const kind of Object.keys(KIND_TYPES) as CredentialKind[]) {
    const ofKind = all.filter((c) => c.kind === kind);
    for (const c of rng.shuffle(ofKind).slice(0, Math.round(ofKind.length / 2))) ob3.add(c);
  }
  for (const c of all) {
    const uuid = rng.uuid();
    if (ob3.has(c)) {
      c.format = 'ob3';
      c.id = `${c.issuer.url}/achievements/${uuid}`;
    } else {
      c.format = 'ctdl';
      c.ctid = `ce-${uuid}`;
      c.id = `https://credentialengineregistry.org/resources/ce-${uuid}`;
    }
  }
  return all;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i + size <= items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** The OB3 `Achievement` document for a credential (extension terms under the `skillgraph:` prefix). */
export function toOb3(ctx: SampleContext, c: CredentialSpec): Record<string, unknown> {
  return {
    '@context': [
      'https://www.w3.org/ns/credentials/v2',
      'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json',
      { skillgraph: 'https://skillgraph.example/ns#' },
    ],
    id: c.id,
    type: ['Achievement'],
    achievementType: KIND_TYPES[c.kind].ob3,
    name: c.name,
    description: c.description,
    criteria: { narrative: c.criteria },
    alignment: c.skills.map((id) => ({
      type: ['Alignment'],
      targetName: clean(ctx.skill(id).preferredLabel),
      targetUrl: id,
      targetFramework: 'ESCO',
      targetType: 'ceasn:Competency',
    })),
    creator: { id: c.issuer.id, type: ['Profile'], name: c.issuer.name, url: c.issuer.url },
    'skillgraph:level': c.level,
    'skillgraph:cost': { price: c.cost, currency: 'USD' },
    'skillgraph:hours': c.hours,
    'skillgraph:requires': c.requires.map((r) => r.id),
    'skillgraph:isPartOf': c.isPartOf.map((p) => p.id),
    ...(c.standing && c.standing.recognition.length > 0
      ? {
          endorsement: c.standing.recognition.map((r) => ({
            '@context': ['https://www.w3.org/ns/credentials/v2', 'https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json'],
            id: `urn:uuid:${r.uuid}`,
            type: ['VerifiableCredential', 'EndorsementCredential'],
            name: `${r.agent.name} endorsement`,
            issuer: { id: r.agent.id, type: ['Profile'], name: r.agent.name },
            validFrom: '2025-01-15T00:00:00Z',
            credentialSubject: { id: c.id, type: ['EndorsementSubject'], endorsementComment: `${r.agent.name} has reviewed this achievement and its assessment.` },
          })),
        }
      : {}),
  };
}

/** The CTDL JSON-LD document for a credential. */
export function toCtdl(ctx: SampleContext, c: CredentialSpec): Record<string, unknown> {
  const alignKey = c.kind === 'badge' || c.kind === 'professional-certificate' ? 'ceterms:assesses' : 'ceterms:teaches';
  const level = AUDIENCE_LEVEL[c.level];
  const doc: Record<string, unknown> = {
    '@context': 'https://credreg.net/ctdl/schema/context/json',
    '@id': c.id,
    '@type': KIND_TYPES[c.kind].ctdl,
    'ceterms:ctid': c.ctid,
    'ceterms:name': { en: c.name },
    'ceterms:description': { en: c.description },
    'ceterms:ownedBy': [{ '@id': c.issuer.id, '@type': 'ceterms:CredentialOrganization', 'ceterms:name': { en: c.issuer.name } }],
    'ceterms:audienceLevelType': [{ '@type': 'ceterms:CredentialAlignmentObject', 'ceterms:targetNode': level.node, 'ceterms:targetNodeName': { en: level.name } }],
    [alignKey]: c.skills.map((id) => ({
      '@type': 'ceterms:CredentialAlignmentObject',
      'ceterms:targetNode': id,
      'ceterms:targetNodeName': { en: clean(ctx.skill(id).preferredLabel) },
      'ceterms:framework': ESCO_SKILLS,
      'ceterms:frameworkName': { en: 'ESCO' },
    })),
  };
  if (c.requires.length > 0) {
    doc['ceterms:requires'] = [
      {
        '@type': 'ceterms:ConditionProfile',
        'ceterms:description': { en: 'Hold the listed credentials first.' },
        'ceterms:targetCredential': c.requires.map((r) => r.id),
      },
    ];
  }
  const assessment = c.standing?.assessment;
  if (assessment) {
    const requires = (doc['ceterms:requires'] as unknown[] | undefined) ?? [];
    requires.push({
      '@type': 'ceterms:ConditionProfile',
      'ceterms:description': { en: 'Pass the assessment.' },
      'ceterms:targetAssessment': [
        {
          '@type': 'ceterms:AssessmentProfile',
          'ceterms:name': { en: `${c.name} assessment` },
          'ceterms:assessmentMethodType': [{ '@type': 'ceterms:CredentialAlignmentObject', 'ceterms:targetNode': assessment.node, 'ceterms:targetNodeName': { en: assessment.name } }],
          'ceterms:assessmentMethodDescription': { en: assessment.description },
        },
      ],
    });
    doc['ceterms:requires'] = requires;
  }
  for (const r of c.standing?.recognition ?? []) {
    const key = `ceterms:${r.kind}`;
    const list = (doc[key] as unknown[] | undefined) ?? [];
    list.push({ '@id': r.agent.id, '@type': 'ceterms:QACredentialOrganization', 'ceterms:name': { en: r.agent.name } });
    doc[key] = list;
  }
  if (c.isPartOf.length > 0) doc['ceterms:isPartOf'] = c.isPartOf.map((p) => p.id);
  if (c.hasPart.length > 0) doc['ceterms:hasPart'] = c.hasPart.map((p) => p.id);
  doc['ceterms:estimatedCost'] = [{ '@type': 'ceterms:CostProfile', 'ceterms:price': c.cost, 'ceterms:currency': 'USD', 'ceterms:description': { en: 'Tuition and assessment fees' } }];
  doc['ceterms:estimatedDuration'] = [{ '@type': 'ceterms:DurationProfile', 'ceterms:timeRequired': `PT${c.hours}H` }];
  return doc;
}
