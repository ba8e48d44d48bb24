/**
 * CTDL / CTDL-ASN documents → credentials, custom skills (competencies), pathways and, for CTDL inside a
 * VC, awards. See ctdl-node.ts for the shapes accepted.
 * - identity: `@id` (compact IRIs expanded from the document's @context); `ceterms:ctid` must be `ce-` + UUID
 *   and name one node only (INVALID_ID, or a warning with `ctid: 'warn'`).
 * - teaches / assesses (ids, inline Competency, CredentialAlignmentObject.targetNode) → skill links, confidence 1.
 * - requires: ids / ConditionProfile targetCredential, targetAssessment, targetLearningOpportunity → `requires`;
 *   competencies (inline, known Competency nodes, targetCompetency) → `requiredSkillIds`. `isRequiredFor` is the reverse.
 * - stacks: isPartOf, isPreparationFor (ids or ConditionProfiles) → `isPartOf`; hasPart and hasChild (between
 *   credentials) are the reverse. Pathway and framework ids are not stacks (pathways are returned separately).
 * - estimatedCost (CostProfile price + currency; USD only) → cost; estimatedDuration (DurationProfile
 *   exactDuration / timeRequired, else midpoint of minimumDuration..maximumDuration; ISO 8601) → hours.
 */
import type { Award, Credential, Skill, SkillLink } from '../../taxonomy/model/types.ts';
import { customSkill, dedupeLinks, dedupeSkills, escoSkillId, explicit, onetSkillId } from './alignment.ts';
import { warn, type ParseContext } from './context.ts';
import { CtdlCollector, numberOf, prop, text, textOf, type CtdlNode } from './ctdl-node.ts';
import { buildPathways } from './ctdl-pathway.ts';
import { isoDurationToHours } from './duration.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import type { CredentialEntry, IngestedAward, Pathway } from './types.ts';
import { asArray, at, isBefore, isObject, stripHtml, type JsonObject } from './values.ts';
import { proofOf } from './ob3.ts';

const CTID = /^ce-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NOT_CREDENTIALS = new Set(['VerifiableCredential', 'ClrCredential', 'OpenBadgeCredential', 'AchievementCredential']);
const LEARNING = new Set(['Course', 'LearningProgram', 'LearningOpportunityProfile', 'LearningOpportunity', 'AssessmentProfile', 'Assessment', 'Program', 'TrainingProgram']);

export function isCredentialType(t: string): boolean {
  if (NOT_CREDENTIALS.has(t) || t.includes(':')) return false;
  return LEARNING.has(t) || /(Degree|Doctorate|Certificate|Certification|Diploma|Badge|License|Credential|MicroCredential|Qualification)$/.test(t);
}

export function credentialTypeOf(types: readonly string[]): string {
  const t = types.find(isCredentialType) ?? '';
  if (/Degree$|Doctorate$/.test(t)) return 'degree';
  if (t === 'Certification') return 'professional-certificate';
  if (/Certificate$/.test(t)) return 'certificate';
  if (/Diploma$/.test(t)) return 'diploma';
  if (/Badge$/.test(t)) return 'badge';
  if (t === 'License') return 'license';
  if (t === 'Course') return 'course';
  if (t === 'LearningProgram' || t === 'Program' || t === 'TrainingProgram') return 'program';
  if (t === 'AssessmentProfile' || t === 'Assessment') return 'assessment';
  if (t === 'MicroCredential') return 'micro-credential';
  if (t === 'LearningOpportunityProfile' || t === 'LearningOpportunity') return 'learning-opportunity';
  return t.replace(/([a-z])([A-Z])/g, '$1-$2').toLowerCase() || 'credential';
}

interface Ref {
  readonly id: string;
  readonly path: string;
  readonly inline: JsonObject | null;
}

export interface CtdlParsed {
  readonly credentials: CredentialEntry[];
  readonly awards: IngestedAward[];
  readonly pathways: Pathway[];
  readonly skillAliases: { id: string; skillId: string }[];
}

export function parseCtdl(value: unknown, ctx: ParseContext): CtdlParsed {
  const col = new CtdlCollector();
  col.collect(value, '');
  const nodes = dedupeNodes(col.nodes, ctx);
  checkCtids(nodes, ctx);
  const byId = new Map(nodes.filter((n) => n.id).map((n) => [n.id, n]));
  const refs = (v: unknown, path: string): Ref[] => refsOf(v, path, (s) => col.expand(s));

  // Competencies → custom skills (O*NET-coded ones alias the taxonomy's onet: ids instead).
  const skillAlias = new Map<string, string>();
  const competencyIds = new Set<string>();
  const skills: Skill[] = [];
  const frameworkIds = new Set(nodes.filter((n) => n.types.some((t) => /Framework$|ConceptScheme$|ProgressionModel$/.test(t))).map((n) => n.id));
  const onetFrameworks = new Set(nodes.filter((n) => frameworkIds.has(n.id) && /o\s*\*\s*net/i.test(text(n, 'name'))).map((n) => n.id));
  for (const n of nodes) {
    if (!n.types.includes('Competency')) continue;
    if (!n.id) throw new IngestError(IngestErrorCode.MissingField, 'a Competency needs an @id', { path: at(n.path, '@id') });
    competencyIds.add(n.id);
    const code = text(n, 'codedNotation');
    const inOnet = refs(prop(n, 'isPartOf')?.value, '').some((r) => onetFrameworks.has(r.id));
    const onet = inOnet && code ? onetSkillId(code) : null;
    if (onet) {
      skillAlias.set(n.id, onet);
      continue;
    }
    const label = competencyLabel(n.props.get.bind(n.props));
    if (label) skills.push(customSkill(n.id, label, text(n, 'competencyText')));
  }

  const pathwayIds = new Set(nodes.filter((n) => n.types.includes('Pathway')).map((n) => n.id));
  const credNodes = nodes.filter((n) => n.types.some(isCredentialType));
  const credIds = new Set(credNodes.map((n) => n.id));
  const orgName = (r: Ref): { id: string; name: string } => {
    const known = byId.get(r.id);
    const name = known ? text(known, 'name') : r.inline ? textOf(r.inline['ceterms:name'] ?? r.inline['name']) : '';
    return { id: r.id || name, name };
  };

  /** A skill reference → link (+ custom skill when labelled inline). */
  const toSkillLink = (r: Ref): SkillLink | null => {
    let id = r.id;
    let label = '';
    let description = '';
    if (r.inline) {
      const node = r.inline;
      const tn = node['ceterms:targetNode'] ?? node['targetNode'];
      if (tn !== undefined) id = refs(tn, '')[0]?.id ?? '';
      label = competencyLabel((k) => (k in node ? { value: node[k] } : node[`ceasn:${k}`] !== undefined ? { value: node[`ceasn:${k}`] } : node[`ceterms:${k}`] !== undefined ? { value: node[`ceterms:${k}`] } : undefined)) || textOf(node['ceterms:targetNodeName'] ?? node['targetNodeName']);
      description = textOf(node['ceasn:competencyText'] ?? node['competencyText'] ?? node['ceterms:targetNodeDescription'] ?? node['targetNodeDescription']);
    }
    if (!id) return null;
    const esco = escoSkillId(id);
    if (esco) return explicit(esco, r.path);
    const alias = skillAlias.get(id);
    if (alias) return explicit(alias, r.path);
    if (label) skills.push(customSkill(id, label, description));
    return explicit(id, r.path);
  };

  const isCompetencyRef = (r: Ref): boolean => {
    if (competencyIds.has(r.id) || skillAlias.has(r.id)) return true;
    if (!r.inline) return false;
    const types = asArray(r.inline['@type'] ?? r.inline['type']).map(String);
    return types.some((t) => /Competency$|AlignmentObject$/.test(t));
  };

  const entries = new Map<string, { credential: Credential; skillTags: string[]; requiredSkillIds: string[] }>();
  for (const n of credNodes) {
    if (!n.id) throw new IngestError(IngestErrorCode.MissingField, 'a credential needs an @id', { path: at(n.path, '@id') });
    if (entries.has(n.id)) continue;
    const name = text(n, 'name');
    if (!name) throw new IngestError(IngestErrorCode.MissingField, 'credential name is required', { path: prop(n, 'name')?.path ?? at(n.path, 'ceterms:name') });
    const owner = [...refs(prop(n, 'ownedBy')?.value, ''), ...refs(prop(n, 'offeredBy')?.value, '')][0];
    const vcIssuer = col.vcs.find((v) => v.achievementIds.includes(n.id));
    const issuer = owner ? orgName(owner) : vcIssuer ? orgName(refs(vcIssuer.doc['issuer'], '')[0] ?? { id: '', path: '', inline: null }) : { id: '', name: '' };
    const links: SkillLink[] = [];
    for (const p of ['teaches', 'assesses']) {
      const pv = prop(n, p);
      if (pv) for (const r of refs(pv.value, pv.path)) {
        const l = toSkillLink(r);
        if (l) links.push(l);
      }
    }
    const requires: string[] = [];
    const requiredSkillIds: string[] = [];
    const rq = prop(n, 'requires');
    if (rq) {
      for (const r of refs(rq.value, rq.path)) {
        if (r.inline && isConditionProfile(r.inline)) {
          for (const k of ['targetCredential', 'targetAssessment', 'targetLearningOpportunity']) for (const t of refs(r.inline[`ceterms:${k}`] ?? r.inline[k], at(r.path, `ceterms:${k}`))) if (t.id) requires.push(t.id);
          for (const t of refs(r.inline['ceterms:targetCompetency'] ?? r.inline['targetCompetency'], at(r.path, 'ceterms:targetCompetency'))) {
            const l = toSkillLink(t);
            if (l) requiredSkillIds.push(l.skillId);
          }
        } else if (isCompetencyRef(r)) {
          const l = toSkillLink(r);
          if (l) requiredSkillIds.push(l.skillId);
        } else if (r.id) requires.push(r.id);
      }
    }
    const isPartOf: string[] = [];
    for (const p of ['isPartOf', 'isPreparationFor']) {
      const pv = prop(n, p);
      if (pv) for (const r of refs(pv.value, pv.path)) {
        const targets = r.inline && isConditionProfile(r.inline) ? refs(r.inline['ceterms:targetCredential'] ?? r.inline['targetCredential'], r.path) : [r];
        for (const t of targets) if (t.id && !pathwayIds.has(t.id) && !frameworkIds.has(t.id)) isPartOf.push(t.id);
      }
    }
    const description = stripHtml(text(n, 'description'));
    entries.set(n.id, {
      credential: {
        id: n.id,
        format: 'ctdl',
        name,
        description,
        issuer,
        credentialType: credentialTypeOf(n.types),
        level: levelOf(refs(prop(n, 'audienceLevelType')?.value, '')),
        cost: costOf(n, ctx),
        hours: hoursOf(n, ctx),
        skills: dedupeLinks(links),
        requires: [...new Set(requires)],
        isPartOf: [...new Set(isPartOf)],
      },
      skillTags: [],
      requiredSkillIds: [...new Set(requiredSkillIds)],
    });
  }
  // Reverse relations: hasPart / hasChild (credential → credential) → isPartOf; isRequiredFor → requires.
  const addTo = (id: string, field: 'isPartOf' | 'requires', value: string): void => {
    const e = entries.get(id);
    if (!e || id === value || e.credential[field].includes(value)) return;
    e.credential = { ...e.credential, [field]: [...e.credential[field], value] };
  };
  for (const n of credNodes) {
    for (const p of ['hasPart', 'hasChild']) for (const r of refs(prop(n, p)?.value, '')) if (p === 'hasPart' || credIds.has(r.id)) addTo(r.id, 'isPartOf', n.id);
    for (const r of refs(prop(n, 'isRequiredFor')?.value, '')) addTo(r.id, 'requires', n.id);
  }

  const pathways = buildPathways(nodes, byId, credIds, refs, ctx);
  // A credential with no ownedBy/offeredBy inside a pathway takes the pathway owner as issuer.
  for (const pw of pathways) {
    const owner = refs(prop(byId.get(pw.id)!, 'ownedBy')?.value, '')[0];
    if (!owner) continue;
    for (const c of pw.components) {
      const e = c.credentialId ? entries.get(c.credentialId) : undefined;
      if (e && !e.credential.issuer.id) e.credential = { ...e.credential, issuer: orgName(owner) };
    }
  }
  const awards = col.vcs.flatMap((vc) => vcAwards(vc.doc, vc.path, vc.achievementIds.filter((id) => credIds.has(id)), ctx));
  const credentials = [...entries.values()];
  ctx.customSkills.push(...dedupeSkills(skills));
  const skillAliases = [...skillAlias].map(([id, skillId]) => ({ id, skillId }));
  if (credentials.length === 0 && pathways.length === 0 && ctx.customSkills.length === 0 && skillAliases.length === 0) {
    throw new IngestError(IngestErrorCode.EmptyDocument, `no credential, competency or pathway in this CTDL document (types seen: ${[...new Set(nodes.flatMap((n) => n.types))].slice(0, 6).join(', ') || 'none'})`, { path: '' });
  }
  return { credentials, awards, pathways, skillAliases };
}

/** audienceLevelType (`audLevel:BeginnerLevel`, or an alignment object naming it) → beginner | intermediate | advanced | ''. */
function levelOf(levels: readonly Ref[]): string {
  for (const r of levels) {
    const id = r.inline ? textOf(r.inline['ceterms:targetNode'] ?? r.inline['targetNode']) || textOf(r.inline['ceterms:targetNodeName']) : r.id;
    const m = /(beginner|intermediate|advanced)/i.exec(id);
    if (m) return m[1]!.toLowerCase();
  }
  return '';
}

function competencyLabel(get: (k: string) => { value: unknown } | undefined): string {
  for (const k of ['competencyLabel', 'name', 'prefLabel', 'skos:prefLabel', 'competencyText', 'targetNodeName']) {
    const t = textOf(get(k)?.value);
    if (t) return t.length > 200 ? `${t.slice(0, 197)}…` : t;
  }
  return '';
}

function isConditionProfile(o: JsonObject): boolean {
  const types = asArray(o['@type'] ?? o['type']).map(String);
  return types.some((t) => /ConditionProfile$/.test(t)) || Object.keys(o).some((k) => /target(Credential|Assessment|LearningOpportunity|Competency)$/.test(k));
}

/** References in a CTDL value: IRIs, `{@id}` objects, inline nodes; `"..."` placeholders dropped. */
export function refsOf(v: unknown, path: string, expand: (id: string) => string): Ref[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'string') {
    const s = v.trim();
    return s === '' || s === '...' ? [] : [{ id: expand(s), path, inline: null }];
  }
  if (Array.isArray(v)) return v.flatMap((x, i) => refsOf(x, at(path, i), expand));
  if (!isObject(v)) return [];
  const id = v['@id'] ?? v['id'];
  const hasMore = Object.keys(v).some((k) => k !== '@id' && k !== 'id');
  return [{ id: typeof id === 'string' && id.trim() !== '...' ? expand(id.trim()) : '', path, inline: hasMore ? v : null }];
}

function dedupeNodes(nodes: readonly CtdlNode[], ctx: ParseContext): CtdlNode[] {
  const seen = new Set<string>();
  const out: CtdlNode[] = [];
  for (const n of nodes) {
    if (n.id && seen.has(n.id)) {
      warn(ctx, 'DUPLICATE_NODE', n.path, `node ${n.id} appears again; the first occurrence is kept`);
      continue;
    }
    if (n.id) seen.add(n.id);
    out.push(n);
  }
  return out;
}

function checkCtids(nodes: readonly CtdlNode[], ctx: ParseContext): void {
  const owner = new Map<string, CtdlNode>();
  for (const n of nodes) {
    const p = prop(n, 'ctid');
    if (!p) continue;
    const ctid = textOf(p.value);
    const problem = !CTID.test(ctid)
      ? `ceterms:ctid ${JSON.stringify(ctid)} is not "ce-" followed by a UUID`
      : owner.has(ctid.toLowerCase()) && owner.get(ctid.toLowerCase())!.id !== n.id
        ? `ceterms:ctid ${ctid} is reused: ${owner.get(ctid.toLowerCase())!.path} has it too`
        : null;
    if (!problem) {
      owner.set(ctid.toLowerCase(), n);
      continue;
    }
    if (ctx.ctid === 'strict') throw new IngestError(IngestErrorCode.InvalidId, problem, { path: p.path });
    warn(ctx, IngestErrorCode.InvalidId, p.path, `${problem}; the node is kept under its @id`);
  }
}

/** estimatedCost: the sum of CostProfile prices in USD; null when absent, or (with a warning) in another currency. */
function costOf(n: CtdlNode, ctx: ParseContext): number | null {
  const pv = prop(n, 'estimatedCost');
  if (!pv) return null;
  let total: number | null = null;
  for (const [i, cp] of asArray(pv.value).entries()) {
    if (!isObject(cp)) continue;
    const p = Array.isArray(pv.value) ? at(pv.path, i) : pv.path;
    const price = numberOf(cp['ceterms:price'] ?? cp['price']);
    const rawPrice = cp['ceterms:price'] ?? cp['price'];
    if (rawPrice !== undefined && price === null) throw new IngestError(IngestErrorCode.InvalidField, 'price must be a number', { path: at(p, 'ceterms:price') });
    if (price === null) continue;
    if (price < 0) throw new IngestError(IngestErrorCode.InvalidField, 'price must not be negative', { path: at(p, 'ceterms:price') });
    const currency = textOf(cp['ceterms:currency'] ?? cp['currency']).toUpperCase() || 'USD';
    if (currency !== 'USD') {
      warn(ctx, 'UNCONVERTED_CURRENCY', at(p, 'ceterms:currency'), `cost in ${currency} is not converted to USD; cost left unknown`);
      return null;
    }
    total = (total ?? 0) + price;
  }
  return total;
}

/** estimatedDuration → hours (first DurationProfile that gives one). */
function hoursOf(n: CtdlNode, ctx: ParseContext): number | null {
  const pv = prop(n, 'estimatedDuration');
  if (!pv) return null;
  for (const [i, dp] of asArray(pv.value).entries()) {
    if (!isObject(dp)) continue;
    const p = Array.isArray(pv.value) ? at(pv.path, i) : pv.path;
    const get = (k: string): { raw: string; hours: number | null; key: string } | null => {
      const key = `ceterms:${k}` in dp ? `ceterms:${k}` : k in dp ? k : `https://purl.org/ctdl/terms/${k}` in dp ? `https://purl.org/ctdl/terms/${k}` : null;
      if (!key) return null;
      const raw = textOf(dp[key]);
      return { raw, hours: raw ? isoDurationToHours(raw) : null, key };
    };
    for (const k of ['timeRequired', 'exactDuration']) {
      const d = get(k);
      if (!d) continue;
      if (d.hours === null) throw new IngestError(IngestErrorCode.InvalidField, `${k} must be an ISO 8601 duration such as PT40H or P3M, got ${JSON.stringify(d.raw)}`, { path: at(p, d.key) });
      return d.hours;
    }
    const lo = get('minimumDuration');
    const hi = get('maximumDuration');
    for (const d of [lo, hi]) if (d && d.hours === null) throw new IngestError(IngestErrorCode.InvalidField, `expected an ISO 8601 duration, got ${JSON.stringify(d.raw)}`, { path: at(p, d.key) });
    if (lo?.hours != null && hi?.hours != null) return Math.round(((lo.hours + hi.hours) / 2) * 100) / 100;
    if (lo?.hours != null || hi?.hours != null) return (lo?.hours ?? hi?.hours)!;
  }
  warn(ctx, 'NO_DURATION', pv.path, 'estimatedDuration gives no exactDuration, timeRequired or min/max duration');
  return null;
}

/** CTDL inside a VC (CTDLinLERs samples): one award per credential achievement. */
function vcAwards(doc: JsonObject, path: string, credentialIds: readonly string[], ctx: ParseContext): IngestedAward[] {
  if (credentialIds.length === 0) return [];
  const id = typeof doc['id'] === 'string' ? doc['id'] : '';
  if (!id) throw new IngestError(IngestErrorCode.MissingField, 'credential id is required', { path: at(path, 'id') });
  const issued = [doc['validFrom'], doc['issuanceDate']].find((x) => typeof x === 'string') as string | undefined;
  if (!issued) throw new IngestError(IngestErrorCode.MissingField, 'issuanceDate / validFrom is required', { path: at(path, 'issuanceDate') });
  if (Number.isNaN(Date.parse(issued))) throw new IngestError(IngestErrorCode.InvalidField, `expected an ISO 8601 date, got ${JSON.stringify(issued)}`, { path: at(path, doc['validFrom'] ? 'validFrom' : 'issuanceDate') });
  const until = [doc['validUntil'], doc['expirationDate']].find((x) => typeof x === 'string') as string | undefined;
  const subject = asArray(doc['credentialSubject'])[0];
  const holder = isObject(subject) && typeof subject['id'] === 'string' ? subject['id'] : '';
  if (!holder) throw new IngestError(IngestErrorCode.MissingField, 'credentialSubject.id (the holder) is required', { path: at(path, 'credentialSubject.id') });
  const proof = proofOf(doc['proof']);
  const expired = until !== undefined && ctx.now !== null && isBefore(until, ctx.now);
  return credentialIds.map((cid, i): IngestedAward => {
    const award: Award = { id: credentialIds.length === 1 ? id : `${id}#${i}`, candidateId: holder, credentialId: cid, issuedOn: issued, expiresOn: until ?? null, verification: expired ? 'expired' : 'unverified' };
    return {
      award,
      recipient: { type: holder.startsWith('did:') ? 'did' : 'url', identity: holder, hashed: false, salt: null },
      verificationMethod: proof ? { type: 'proof', url: null } : { type: 'none', url: null },
      proof,
      raw: doc,
    };
  });
}
