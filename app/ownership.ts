/**
 * Who owns what a write touches (issue 17, docs/SECURITY.md "Ownership"). Pure functions: each takes
 * the caller, the record as stored (or undefined) and the record to write, and returns null (allowed)
 * or a `Refusal` (`refusalError` makes it the use-cases' typed error). No store, no clock, no GraphQL
 * here; the use-cases (app/award-credential.ts, app/import-*.ts, app/roles.ts) apply them, so the API
 * and the CLI follow the same rules.
 *
 * - An award belongs to one candidate: an award id held by another candidate is refused.
 * - A learner's document is that learner's evidence: it never creates or changes a catalogue
 *   credential. Its achievement is kept as a private credential in the candidate's namespace; it
 *   enters the catalogue only by an admin import or when the issuer's proof verifies.
 * - A posting belongs to one organisation: an employer's posting ids are namespaced by organisation
 *   (`posting:<org>:<id>`), text postings by organisation and a SHA-256 of the text.
 * - Role references are typed: `occupation:<id>` names an occupation only; a bare id never resolves
 *   to a posting or role the caller cannot see, and no posting id may equal an occupation id or code.
 * - Credentials outside their validity window (expired, not yet valid) are refused as awards.
 */
import { createHash } from 'node:crypto';
import type { Award, Credential, JobPosting, VerificationStatus } from '../taxonomy/model/types.ts';
import { ForbiddenError, InvalidInputError } from './errors.ts';

/** The caller as ownership sees it (an API key's principal, a CLI user = admin). */
export interface Actor {
  readonly role: 'admin' | 'employer' | 'learner' | 'planner';
  readonly organisationId: string | null;
  readonly candidateId: string | null;
}

export const OwnershipCode = {
  ForeignAward: 'FOREIGN_AWARD',
  ForeignPosting: 'FOREIGN_POSTING',
  ShadowsOccupation: 'SHADOWS_OCCUPATION',
  NotYourCandidate: 'NOT_YOUR_CANDIDATE',
  Expired: 'EXPIRED',
  NotYetValid: 'NOT_YET_VALID',
  NoOrganisation: 'NO_ORGANISATION',
  EvidenceNamespace: 'EVIDENCE_NAMESPACE',
} as const;
export type OwnershipCode = (typeof OwnershipCode)[keyof typeof OwnershipCode];

/** Why a write is refused: `forbidden` (not the caller's) or `invalid` (the input is wrong). */
export interface Refusal {
  readonly code: OwnershipCode;
  readonly kind: 'forbidden' | 'invalid';
  readonly message: string;
  /** Where in the input. */
  readonly path: string;
}

const refuse = (code: OwnershipCode, kind: Refusal['kind'], message: string, path: string): Refusal => ({ code, kind, message, path });

// ---- awards ------------------------------------------------------------------------------------

/** A learner writes only to its own candidate; admin to any. */
export function candidateWriteRefusal(actor: Actor, candidateId: string): Refusal | null {
  if (actor.role === 'admin') return null;
  if (actor.role === 'learner' && actor.candidateId === candidateId) return null;
  return refuse(OwnershipCode.NotYourCandidate, 'forbidden', `a ${actor.role} key cannot write to candidate ${candidateId}`, 'candidateId');
}

/** An award id already held by another candidate is refused (no overwrite across owners). */
export function awardWriteRefusal(award: Pick<Award, 'id' | 'candidateId'>, stored: Pick<Award, 'candidateId'> | undefined): Refusal | null {
  if (!stored || stored.candidateId === award.candidateId) return null;
  return refuse(OwnershipCode.ForeignAward, 'forbidden', `award id ${award.id} belongs to another candidate`, 'document.id');
}

/** The schema refuses expired awards; an award issued after `now` is not yet valid and refused too. */
export function awardValidityRefusal(award: Pick<Award, 'issuedOn' | 'expiresOn'>, now: Date): Refusal | null {
  const t = now.getTime();
  if (award.expiresOn !== null && Date.parse(award.expiresOn) < t) return refuse(OwnershipCode.Expired, 'invalid', `the credential expired on ${award.expiresOn}`, 'document.validUntil');
  if (Date.parse(award.issuedOn) > t) return refuse(OwnershipCode.NotYetValid, 'invalid', `the credential is not valid before ${award.issuedOn}`, 'document.validFrom');
  return null;
}

// ---- a learner's evidence versus the catalogue -------------------------------------------------

const EVIDENCE = 'evidence:';

/** The private credential id of an achievement a candidate presented: `evidence:<candidate>:<achievement>`. */
export function evidenceCredentialId(candidateId: string, achievementId: string): string {
  return `${EVIDENCE}${encodeURIComponent(candidateId)}:${achievementId}`;
}

/** True for a candidate's private evidence credential (never part of the catalogue). */
export function isEvidenceCredential(credentialId: string): boolean {
  return credentialId.startsWith(EVIDENCE);
}

/** The candidate owning an evidence credential, or null for a catalogue credential. */
export function evidenceOwner(credentialId: string): string | null {
  if (!isEvidenceCredential(credentialId)) return null;
  const rest = credentialId.slice(EVIDENCE.length);
  const i = rest.indexOf(':');
  return i < 0 ? null : decodeURIComponent(rest.slice(0, i));
}

/** Statuses that mean the issuer's proof was checked and holds. */
const PROOF_VERIFIED: ReadonlySet<VerificationStatus> = new Set(['verified', 'hosted-verified']);

const stripMarkup = (s: string): string => s.replace(/<[^>]*>/g, '').trim();

/** Where an awarded achievement goes: an existing catalogue credential, a new one, or private evidence. */
export interface AwardPlacement {
  /** The credential id the award points to. */
  readonly credentialId: string;
  /** A credential to store (new catalogue entry or the candidate's evidence), or null (already stored). */
  readonly store: Credential | null;
  readonly placement: 'catalogue' | 'new-catalogue' | 'evidence';
}

/**
 * A document awarded to a candidate names an achievement. A stored catalogue credential is used and
 * never changed. An unknown achievement becomes a catalogue credential only for an admin or when the
 * issuer's proof verifies; otherwise it is the candidate's private evidence (its own id namespace,
 * cost and hours unknown, markup stripped), seen only with the candidate's awards.
 */
export function placeAwardedAchievement(actor: Actor, candidateId: string, achievement: Credential, verification: VerificationStatus, inCatalogue: (id: string) => boolean, storedEvidence: (id: string) => boolean): AwardPlacement {
  if (inCatalogue(achievement.id) && !isEvidenceCredential(achievement.id)) return { credentialId: achievement.id, store: null, placement: 'catalogue' };
  const clean: Credential = { ...achievement, name: stripMarkup(achievement.name), description: stripMarkup(achievement.description), requires: [], isPartOf: [] };
  if (!isEvidenceCredential(achievement.id) && (actor.role === 'admin' || PROOF_VERIFIED.has(verification))) {
    return { credentialId: achievement.id, store: clean, placement: 'new-catalogue' };
  }
  const id = evidenceCredentialId(candidateId, achievement.id);
  return { credentialId: id, store: storedEvidence(id) ? null : { ...clean, id, cost: null, hours: null }, placement: 'evidence' };
}

/** The catalogue never takes an id in the private evidence namespace (admin imports included). */
export function catalogueIdRefusal(credentialId: string, path: string): Refusal | null {
  return isEvidenceCredential(credentialId) ? refuse(OwnershipCode.EvidenceNamespace, 'invalid', `credential id ${credentialId} is in the private evidence namespace`, path) : null;
}

// ---- postings and role references --------------------------------------------------------------

const POSTING = 'posting:';

/** A posting id in an organisation's namespace: `posting:<org>:<id>`. */
export function scopedPostingId(organisationId: string, id: string): string {
  return `${POSTING}${encodeURIComponent(organisationId)}:${id}`;
}

/** The id of a plain-text posting: organisation + SHA-256 of the text (128 bits), never a 32-bit hash. */
export function textPostingId(organisationId: string, text: string): string {
  return scopedPostingId(organisationId, `text:${createHash('sha256').update(text).digest('hex').slice(0, 32)}`);
}

/**
 * Postings as an actor writes them: an employer's are moved into its organisation and its id
 * namespace; an admin's keep their ids. Refused: a posting id equal to an occupation id or code
 * (it would shadow the occupation), or an id stored for another organisation (admins included:
 * moving a posting between organisations is not a write an import makes).
 */
export function ownPostings(actor: Actor, postings: readonly JobPosting[], stored: (id: string) => JobPosting | undefined, isOccupation: (id: string) => boolean): { postings: JobPosting[]; refusal: Refusal | null } {
  if (actor.role === 'employer' && !actor.organisationId) return { postings: [], refusal: refuse(OwnershipCode.NoOrganisation, 'forbidden', 'an employer key needs an organisation', 'document') };
  const out: JobPosting[] = [];
  for (const [i, p] of postings.entries()) {
    const owned = actor.role === 'employer' ? { ...p, organisationId: actor.organisationId!, id: p.id.startsWith(scopedPostingId(actor.organisationId!, '')) ? p.id : scopedPostingId(actor.organisationId!, p.id) } : p;
    const path = postings.length === 1 ? 'document' : `document[${i}]`;
    if (isOccupation(owned.id)) return { postings: [], refusal: refuse(OwnershipCode.ShadowsOccupation, 'invalid', `posting id ${owned.id} is an occupation id or code; it would shadow the occupation`, `${path}.@id`) };
    const before = stored(owned.id);
    if (before && before.organisationId !== owned.organisationId) return { postings: [], refusal: refuse(OwnershipCode.ForeignPosting, 'forbidden', `posting id ${owned.id} belongs to another organisation`, `${path}.@id`) };
    out.push(owned);
  }
  return { postings: out, refusal: null };
}

/** A role reference: `occupation:<id>` names an occupation only; any other id a stored role or posting first. */
export type RoleRef = { readonly kind: 'occupation'; readonly id: string } | { readonly kind: 'any'; readonly id: string };

export function parseRoleRef(roleId: string): RoleRef {
  return roleId.startsWith('occupation:') ? { kind: 'occupation', id: roleId.slice('occupation:'.length) } : { kind: 'any', id: roleId };
}

/**
 * A refusal as the use-cases' typed error (the API maps it to its GraphQL type, the CLI prints it).
 * With `source` (a file the CLI read) the message says where: `<source> <path>: <message>`.
 */
export function refusalError(r: Refusal, source?: string): ForbiddenError | InvalidInputError {
  const message = source ? `${source} ${r.path}: ${r.message}` : r.message;
  return r.kind === 'forbidden' ? new ForbiddenError(message) : new InvalidInputError(message, r.path);
}
