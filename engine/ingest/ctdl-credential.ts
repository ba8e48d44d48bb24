/**
 * One CTDL credential node → a credential entry.
 * - issuer: ownedBy, else offeredBy, else the issuer of the VC that wrapped the node.
 * - teaches / assesses → skill links (see ctdl-skills.ts).
 * - requires: ids / ConditionProfile targetCredential, targetAssessment, targetLearningOpportunity → `requires`;
 *   competencies (inline, known Competency nodes, targetCompetency) → `requiredSkillIds`.
 * - stacks: isPartOf, isPreparationFor (ids or ConditionProfiles) → `isPartOf`; pathway and framework ids are not stacks.
 * - audienceLevelType, estimatedCost, estimatedDuration → level, cost, hours (see ctdl-profile.ts).
 */
import type { Credential, SkillLink } from '../../taxonomy/model/types.ts';
import { dedupeLinks } from './alignment.ts';
import type { ParseContext } from './context.ts';
import { credentialTypeOf } from './ctdl-credential-type.ts';
import type { CtdlDocument } from './ctdl-document.ts';
import { prop, text, textOf, type CtdlNode, type CtdlRef } from './ctdl-node.ts';
import { costOf, hoursOf, levelOf } from './ctdl-profile.ts';
import type { CtdlSkills } from './ctdl-skills.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { ctdlStanding, standingField } from './standing.ts';
import { asArray, at, stripHtml, type JsonObject } from './values.ts';

/** A credential entry still open to the reverse relations and pathway issuers that later nodes add. */
export interface CtdlEntry {
  credential: Credential;
  skillTags: string[];
  requiredSkillIds: string[];
}

interface Requirements {
  readonly requires: string[];
  readonly requiredSkillIds: string[];
}

const TARGET_LEARNING = ['targetCredential', 'targetAssessment', 'targetLearningOpportunity'];

export function credentialEntry(n: CtdlNode, doc: CtdlDocument, skills: CtdlSkills, ctx: ParseContext): CtdlEntry {
  const name = text(n, 'name');
  if (!name) throw new IngestError(IngestErrorCode.MissingField, 'credential name is required', { path: prop(n, 'name')?.path ?? at(n.path, 'ceterms:name') });
  const issuer = issuerOf(n, doc);
  const links = taughtSkills(n, doc, skills);
  const { requires, requiredSkillIds } = requirementsOf(n, doc, skills);
  const isPartOf = stacksOf(n, doc);
  return {
    credential: {
      id: n.id,
      format: 'ctdl',
      name,
      description: stripHtml(text(n, 'description')),
      issuer,
      credentialType: credentialTypeOf(n.types),
      level: levelOf(doc.refsAt(n, 'audienceLevelType')),
      cost: costOf(n, ctx),
      hours: hoursOf(n, ctx),
      skills: dedupeLinks(links),
      requires: [...new Set(requires)],
      isPartOf: [...new Set(isPartOf)],
      ...standingField(ctdlStanding(n, doc, ctx)),
    },
    skillTags: [],
    requiredSkillIds: [...new Set(requiredSkillIds)],
  };
}

/** An organisation reference → { id, name }: the name from its node in the document, else from the inline object. */
export function organisationOf(r: CtdlRef, doc: CtdlDocument): { id: string; name: string } {
  const known = doc.byId.get(r.id);
  const name = known ? text(known, 'name') : r.inline ? textOf(r.inline['ceterms:name'] ?? r.inline['name']) : '';
  return { id: r.id || name, name };
}

function issuerOf(n: CtdlNode, doc: CtdlDocument): { id: string; name: string } {
  const owner = [...doc.refsAt(n, 'ownedBy'), ...doc.refsAt(n, 'offeredBy')][0];
  if (owner) return organisationOf(owner, doc);
  const vc = doc.vcs.find((v) => v.achievementIds.includes(n.id));
  if (vc) return organisationOf(doc.refs(vc.doc['issuer'], '')[0] ?? { id: '', path: '', inline: null }, doc);
  return { id: '', name: '' };
}

function taughtSkills(n: CtdlNode, doc: CtdlDocument, skills: CtdlSkills): SkillLink[] {
  return ['teaches', 'assesses'].flatMap((p) => doc.refsAt(n, p).flatMap((r) => skills.linkOf(r) ?? []));
}

function requirementsOf(n: CtdlNode, doc: CtdlDocument, skills: CtdlSkills): Requirements {
  const out: Requirements = { requires: [], requiredSkillIds: [] };
  const requireSkill = (r: CtdlRef): void => {
    const l = skills.linkOf(r);
    if (l) out.requiredSkillIds.push(l.skillId);
  };
  for (const r of doc.refsAt(n, 'requires')) {
    if (r.inline && isConditionProfile(r.inline)) {
      const cp = r.inline;
      for (const k of TARGET_LEARNING) for (const t of doc.refs(cp[`ceterms:${k}`] ?? cp[k], at(r.path, `ceterms:${k}`))) if (t.id) out.requires.push(t.id);
      for (const t of doc.refs(cp['ceterms:targetCompetency'] ?? cp['targetCompetency'], at(r.path, 'ceterms:targetCompetency'))) requireSkill(t);
    } else if (skills.isCompetencyRef(r)) requireSkill(r);
    else if (r.id) out.requires.push(r.id);
  }
  return out;
}

function stacksOf(n: CtdlNode, doc: CtdlDocument): string[] {
  const out: string[] = [];
  for (const r of [...doc.refsAt(n, 'isPartOf'), ...doc.refsAt(n, 'isPreparationFor')]) {
    const targets = r.inline && isConditionProfile(r.inline) ? doc.refs(r.inline['ceterms:targetCredential'] ?? r.inline['targetCredential'], r.path) : [r];
    for (const t of targets) if (t.id && !doc.pathwayIds.has(t.id) && !doc.frameworkIds.has(t.id)) out.push(t.id);
  }
  return out;
}

function isConditionProfile(o: JsonObject): boolean {
  const types = asArray(o['@type'] ?? o['type']).map(String);
  return types.some((t) => /ConditionProfile$/.test(t)) || Object.keys(o).some((k) => /target(Credential|Assessment|LearningOpportunity|Competency)$/.test(k));
}
