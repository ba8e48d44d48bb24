/**
 * What a credential's own document states about its standing (issue 20, taxonomy/model CredentialStanding), read from
 * the standards' own fields only:
 * - OB3 / CLR Achievement: `endorsement[]` (EndorsementCredential: its issuer id and name), `endorsementJwt[]` (the
 *   payload decoded, never trusted), `criteria` (narrative, else its id), `resultDescription[]` (name, else resultType),
 *   and the EU micro-credential assessment elements of the edubadges profile (`assessmentType`, `supervisionType`,
 *   `identityChecked`).
 * - OB2 BadgeClass: `endorsement` (Endorsement: its issuer), `criteria` (a URL, or {id, narrative}).
 * - CTDL credential node: `accreditedBy` / `recognizedBy` / `approvedBy` / `regulatedBy` (agents as ids or inline
 *   objects, their names read from the @graph when the agent is in it) and the `...In` jurisdiction variants (the
 *   JurisdictionProfile's `assertedBy` agent); assessment from the node's own `assessmentMethodDescription` /
 *   `assessmentMethodType` and from every `targetAssessment` of its ConditionProfiles (`requires`, `recommends`).
 * Endorsements are 'unverified' here: the reader only decodes; the app verifies them at import with engine/verify
 * (app/endorsement-verification.ts). CTDL statements are 'stated'. `source` is the JSON path inside the credential's own object (the
 * Achievement, BadgeClass or CTDL node). A malformed entry is skipped with one INVALID_STANDING warning naming its
 * path: what the document says about standing never makes the credential itself unreadable.
 */
import type { CredentialAssessment, CredentialRecognition, CredentialStanding } from '../../taxonomy/model/types.ts';
import { warn, type ParseContext } from './context.ts';
import type { CtdlDocument } from './ctdl-document.ts';
import { text, textOf, type CtdlNode, type CtdlRef } from './ctdl-node.ts';
import { credentialFromJws, isCompactJws } from './jwt.ts';
import { asArray, at, describe, isObject, stripHtml, type JsonObject } from './values.ts';

export const MAX_ASSESSMENT_TEXT = 500;
const CODE = 'INVALID_STANDING';
type Kind = CredentialRecognition['kind'];
const CTDL_RECOGNITION: readonly Exclude<Kind, 'endorsement'>[] = ['accreditedBy', 'recognizedBy', 'approvedBy', 'regulatedBy'];

/** Trimmed, whitespace collapsed, at most 500 characters (an ellipsis marks a cut). */
export function assessmentText(s: string): string {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length <= MAX_ASSESSMENT_TEXT ? t : `${t.slice(0, MAX_ASSESSMENT_TEXT - 1).trimEnd()}…`;
}

/** `source` (a relative JSON path such as `endorsement[1]`) under the credential object's own path. */
function under(path: string, source: string): string {
  return path ? `${path}.${source}` : source;
}

function standingOf(recognition: CredentialRecognition[], assessment: CredentialAssessment[]): CredentialStanding | undefined {
  return recognition.length === 0 && assessment.length === 0 ? undefined : { recognition, assessment };
}

/** `{ standing }` when anything is stated, else `{}` (spread into a Credential: absent = nothing stated). */
export function standingField(s: CredentialStanding | undefined): { standing?: CredentialStanding } {
  return s ? { standing: s } : {};
}

function nameOf(v: unknown): string {
  if (typeof v === 'string') return v.trim();
  if (isObject(v)) return textOf(v);
  return '';
}

/** An endorsement's issuer: an IRI or a Profile {id, name}. */
function endorserOf(issuer: unknown): { agentId: string; agentName: string } | null {
  if (typeof issuer === 'string' && issuer.trim() !== '') return { agentId: issuer.trim(), agentName: '' };
  if (!isObject(issuer)) return null;
  const id = typeof issuer['id'] === 'string' ? issuer['id'].trim() : '';
  const name = nameOf(issuer['name']);
  return id || name ? { agentId: id, agentName: name } : null;
}

/** Each item of an array field (or the one object), with its path relative to the credential object. */
function items(obj: JsonObject, key: string): { value: unknown; source: string }[] {
  const v = obj[key];
  if (v === undefined || v === null) return [];
  return Array.isArray(v) ? v.map((value, i) => ({ value, source: at(key, i) })) : [{ value: v, source: key }];
}

function endorsements(obj: JsonObject, path: string, ctx: ParseContext, ob2: boolean): CredentialRecognition[] {
  const out: CredentialRecognition[] = [];
  for (const { value, source } of items(obj, 'endorsement')) {
    // OB2 allows an endorsement by IRI only: nothing about its issuer is stated then
    if (ob2 && typeof value === 'string' && value.trim() !== '') {
      out.push({ kind: 'endorsement', agentId: '', agentName: '', source, verification: 'unverified' });
      continue;
    }
    const who = isObject(value) ? endorserOf(value['issuer']) : null;
    if (!who) {
      warn(ctx, CODE, under(path, source), `an endorsement must be ${ob2 ? 'an Endorsement' : 'an EndorsementCredential'} with an issuer, got ${describe(value)}${isObject(value) ? ' without an issuer' : ''}: skipped`);
      continue;
    }
    out.push({ kind: 'endorsement', ...who, source, verification: 'unverified' });
  }
  for (const { value, source } of ob2 ? [] : items(obj, 'endorsementJwt')) {
    let who: { agentId: string; agentName: string } | null = null;
    if (typeof value === 'string' && isCompactJws(value)) {
      try {
        who = endorserOf(credentialFromJws(value).credential['issuer']);
      } catch {
        who = null;
      }
    }
    if (!who) {
      warn(ctx, CODE, under(path, source), `endorsementJwt must be a compact VC-JWT whose payload names an issuer, got ${describe(value)}: skipped`);
      continue;
    }
    out.push({ kind: 'endorsement', ...who, source, verification: 'unverified' });
  }
  return out;
}

function criteria(obj: JsonObject, path: string, ctx: ParseContext): CredentialAssessment[] {
  const c = obj['criteria'];
  if (c === undefined || c === null) return [];
  if (typeof c === 'string') return c.trim() ? [{ kind: 'criteria', description: assessmentText(c), source: 'criteria' }] : [];
  if (isObject(c)) {
    if (typeof c['narrative'] === 'string' && c['narrative'].trim()) return [{ kind: 'criteria', description: assessmentText(c['narrative']), source: 'criteria.narrative' }];
    if (typeof c['id'] === 'string' && c['id'].trim()) return [{ kind: 'criteria', description: assessmentText(c['id']), source: 'criteria.id' }];
    return [];
  }
  warn(ctx, CODE, at(path, 'criteria'), `criteria must be a Criteria object {id, narrative} or a URL, got ${describe(c)}: skipped`);
  return [];
}

function resultDescriptions(obj: JsonObject, path: string, ctx: ParseContext): CredentialAssessment[] {
  const out: CredentialAssessment[] = [];
  for (const { value, source } of items(obj, 'resultDescription')) {
    const d = isObject(value) ? nameOf(value['name']) || (typeof value['resultType'] === 'string' ? value['resultType'].trim() : '') : '';
    if (!d) {
      warn(ctx, CODE, under(path, source), `a resultDescription must be an object with a name or resultType, got ${describe(value)}: skipped`);
      continue;
    }
    out.push({ kind: 'result-description', description: assessmentText(d), source });
  }
  return out;
}

/**
 * The EU micro-credential elements as the edubadges OB3 profile states them on the Achievement (`assessmentType`,
 * `supervisionType`, `identityChecked`; context https://edubadges.nl/static/obv3-glossary.html): the type of
 * assessment and how it was supervised, one assessment entry.
 */
function euAssessment(a: JsonObject): CredentialAssessment[] {
  const type = typeof a['assessmentType'] === 'string' ? a['assessmentType'].trim() : '';
  if (!type) return [];
  const supervision = typeof a['supervisionType'] === 'string' ? a['supervisionType'].trim() : '';
  const parts = [type, supervision, a['identityChecked'] === true ? 'identity checked' : ''].filter(Boolean);
  return [{ kind: 'assessment', description: assessmentText(parts.join('; ')), source: 'assessmentType' }];
}

/** OB3 / CLR Achievement at `path`. */
export function ob3Standing(a: JsonObject, path: string, ctx: ParseContext): CredentialStanding | undefined {
  return standingOf(endorsements(a, path, ctx, false), [...euAssessment(a), ...criteria(a, path, ctx), ...resultDescriptions(a, path, ctx)]);
}

/** OB2 BadgeClass at `path`. */
export function ob2Standing(b: JsonObject, path: string, ctx: ParseContext): CredentialStanding | undefined {
  return standingOf(endorsements(b, path, ctx, true), criteria(b, path, ctx));
}

/** A path inside node `n`, relative to the node (the node's own prefix dropped). */
function relative(n: CtdlNode, path: string): string {
  if (n.path === '') return path;
  return path.startsWith(n.path) ? path.slice(n.path.length).replace(/^\./, '') : path;
}

/** A CTDL agent reference → id (its @id, else its ctid) and name (from its node in the document, else inline). */
function agentOf(r: CtdlRef, doc: CtdlDocument): { agentId: string; agentName: string } {
  const known = r.id ? doc.byId.get(r.id) : undefined;
  const inlineName = r.inline ? textOf(r.inline['ceterms:name'] ?? r.inline['name'] ?? r.inline['https://purl.org/ctdl/terms/name']) : '';
  const ctid = r.inline ? textOf(r.inline['ceterms:ctid'] ?? r.inline['ctid']) : '';
  return { agentId: r.id || ctid || (known ? text(known, 'ctid') : ''), agentName: (known ? text(known, 'name') : '') || inlineName };
}

/** Whether a raw CTDL value can hold agent references (IRIs, objects or arrays of those). */
function badRefValues(v: unknown, path: string): { path: string; value: unknown }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => badRefValues(x, at(path, i)));
  return typeof v === 'string' || isObject(v) ? [] : [{ path, value: v }];
}

function ctdlRecognition(n: CtdlNode, doc: CtdlDocument, ctx: ParseContext): CredentialRecognition[] {
  const out: CredentialRecognition[] = [];
  for (const kind of CTDL_RECOGNITION) {
    for (const prop of [kind, kind.replace(/By$/, 'In')]) {
      const pv = n.props.get(prop);
      if (!pv) continue;
      for (const bad of badRefValues(pv.value, pv.path)) warn(ctx, CODE, bad.path, `ceterms:${prop} must name an agent (an IRI or an object), got ${describe(bad.value)}: skipped`);
      for (const r of doc.refs(pv.value, pv.path)) {
        // the `...In` variants hold a JurisdictionProfile; its agent is `assertedBy`
        const agents = prop.endsWith('In') && r.inline ? doc.refs(r.inline['ceterms:assertedBy'] ?? r.inline['assertedBy'], at(r.path, 'ceterms:assertedBy')) : [r];
        if (agents.length === 0) {
          warn(ctx, CODE, r.path, `ceterms:${prop} names no agent${prop.endsWith('In') ? ' (the JurisdictionProfile has no assertedBy)' : ''}: skipped`);
          continue;
        }
        for (const agent of agents) {
          const who = agentOf(agent, doc);
          if (!who.agentId && !who.agentName) {
            warn(ctx, CODE, agent.path, `ceterms:${prop} names an agent with neither id, ctid nor name: skipped`);
            continue;
          }
          out.push({ kind, ...who, source: relative(n, r.path), verification: 'stated' });
        }
      }
    }
  }
  return out;
}

/** The method an assessment object (a node's props or an inline object) states: description, else method types, else its name. */
function methodText(get: (name: string) => unknown): string {
  const description = stripHtml(textOf(get('assessmentMethodDescription')));
  if (description) return description;
  const types = asArray(get('assessmentMethodType'))
    .map((t) => (isObject(t) ? textOf(t['ceterms:targetNodeName'] ?? t['targetNodeName']) || textOf(t['ceterms:targetNode'] ?? t['targetNode']) : textOf(t)))
    .filter(Boolean);
  if (types.length > 0) return types.join(', ');
  return textOf(get('name'));
}

const fromInline = (o: JsonObject) => (name: string): unknown => o[`ceterms:${name}`] ?? o[name] ?? o[`https://purl.org/ctdl/terms/${name}`];
const fromNode = (n: CtdlNode) => (name: string): unknown => n.props.get(name)?.value;

function ctdlAssessment(n: CtdlNode, doc: CtdlDocument, ctx: ParseContext): CredentialAssessment[] {
  const out: CredentialAssessment[] = [];
  const own = methodText((name) => (name === 'name' ? undefined : fromNode(n)(name)));
  if (own) {
    const p = n.props.get('assessmentMethodDescription') ?? n.props.get('assessmentMethodType')!;
    out.push({ kind: 'assessment', description: assessmentText(own), source: relative(n, p.path) });
  }
  for (const condition of ['requires', 'recommends']) {
    for (const cp of doc.refsAt(n, condition)) {
      if (!cp.inline) continue;
      const raw = fromInline(cp.inline)('targetAssessment');
      if (raw === undefined) continue;
      const key = Object.keys(cp.inline).find((k) => /(^|[:/])targetAssessment$/.test(k)) ?? 'ceterms:targetAssessment';
      const base = at(cp.path, key);
      for (const bad of badRefValues(raw, base)) warn(ctx, CODE, bad.path, `ceterms:targetAssessment must be an assessment (an IRI or an object), got ${describe(bad.value)}: skipped`);
      for (const t of doc.refs(raw, base)) {
        const known = t.id ? doc.byId.get(t.id) : undefined;
        const d = known ? methodText(fromNode(known)) : t.inline ? methodText(fromInline(t.inline)) : '';
        // an assessment named only by an IRI that the document does not describe states no method
        if (!d) continue;
        out.push({ kind: 'assessment', description: assessmentText(d), source: relative(n, t.path) });
      }
    }
  }
  return out;
}

/** CTDL credential node. */
export function ctdlStanding(n: CtdlNode, doc: CtdlDocument, ctx: ParseContext): CredentialStanding | undefined {
  return standingOf(ctdlRecognition(n, doc, ctx), ctdlAssessment(n, doc, ctx));
}
