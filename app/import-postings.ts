import { sha256Hex } from '../engine/adapters/sha256.ts';
import type { JobPosting } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { postingsWithSkills } from './document-skills.ts';
import { InvalidInputError } from './errors.ts';
import { parseDocument, type ParseOptions } from './parse-document.ts';
import type { Principal } from './principal.ts';
import { inferPostingOccupations } from './title-normalizer.ts';
import type { Workspace } from './workspace.ts';

/** A plain-text posting (not JSON): its first line is the title; the id is a hash of the text, so re-importing it replaces it. */
function postingFromText(text: string, organisationId: string, now: Date): JobPosting {
  const title = text.trim().split('\n')[0]!.slice(0, 120);
  return { id: `posting:${sha256Hex(text).slice(0, 16)}`, title, description: text, organisationId, datePosted: now.toISOString().slice(0, 10), occupationId: null, location: '', skills: [] };
}

const isPlainText = (document: unknown): document is string => typeof document === 'string' && !/^\s*[[{]/.test(document);

/**
 * Imports job postings (schema.org JobPosting JSON-LD, or a plain-text posting) in one store
 * transaction, each with its skills as `postingsWithSkills` defines them; a posting without an
 * occupation gets the title normaliser's best one when the workspace has it and is confident (issue
 * 15: `occupationInferred`). Admins and employers; an employer's postings belong to its organisation
 * whatever the document says.
 */
export async function importPostings(ws: Workspace, principal: Principal | null, document: unknown, now: Date, opts: ParseOptions = {}): Promise<JobPosting[]> {
  const p = requireRole(principal, ['admin', 'employer'], 'importing job postings');
  const org = p.role === 'employer' ? (p.organisationId ?? '') : null;
  let given: JobPosting[];
  if (isPlainText(document)) {
    if (document.trim() === '') throw new InvalidInputError('the posting text is empty', 'document');
    given = [postingFromText(document, org ?? '', now)];
  } else {
    const result = parseDocument(document, opts);
    if (result.format !== 'jobposting') throw new InvalidInputError(`${opts.source ? `${opts.source} holds` : 'the document holds'} ${result.format}, not job postings (schema.org JobPosting)`, 'document');
    given = result.postings.map((x) => x.posting);
  }
  if (org !== null) given = given.map((x) => ({ ...x, organisationId: org }));
  let postings: JobPosting[] = await postingsWithSkills(given, ws.graph, ws.linker);
  const titles = postings.some((x) => !x.occupationId) ? ws.titles() : null;
  if (titles) postings = await inferPostingOccupations(postings, await titles);
  await ws.store.putRecords({ postings });
  ws.apply({ postings });
  return postings;
}
