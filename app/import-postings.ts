import { findOccupation } from '../engine/requirements/from-occupation.ts';
import { guessLanguage, LANGUAGE_NAMES } from '../engine/ingest/language.ts';
import type { IngestWarning, RefusedRecord } from '../engine/ingest/types.ts';
import type { JobPosting } from '../taxonomy/model/types.ts';
import { requireRole } from './access.ts';
import { InvalidInputError } from './errors.ts';
import { linkPostings } from './link-postings.ts';
import { ownPostings, refusalError, textPostingId } from './ownership.ts';
import { parseDocument, type ParseOptions } from './parse-document.ts';
import type { Principal } from './principal.ts';
import type { Workspace } from './workspace.ts';
import { mark, threadTimes } from './timing.ts';

/**
 * A plain-text posting (not JSON): its first line is the title; the id is the organisation and a
 * SHA-256 of the text (app/ownership.ts `textPostingId`), so re-importing it replaces it.
 */
function postingFromText(text: string, organisationId: string, now: Date): JobPosting {
  const title = text.trim().split('\n')[0]!.slice(0, 120);
  return { id: textPostingId(organisationId, text), title, description: text, organisationId, datePosted: now.toISOString().slice(0, 10), occupationId: null, location: '', skills: [] };
}

export interface PostingImport {
  readonly postings: JobPosting[];
  /** Records of the batch that could not be read (the others were imported), each with its path and reason. */
  readonly refused: readonly RefusedRecord[];
  readonly warnings: readonly IngestWarning[];
}

const isPlainText = (document: unknown): document is string => typeof document === 'string' && !/^\s*[[{]/.test(document);

/**
 * Imports job postings (schema.org JobPosting JSON-LD, or a plain-text posting) in one store
 * transaction, each with its skills as `postingsWithSkills` defines them. In a batch (`@graph`,
 * ItemList, array) a record that cannot be read is reported in `refused` and the others land; a
 * posting without datePosted is dated `now`. Admins (the CLI too) and employers.
 * Ownership (app/ownership.ts `ownPostings`): an employer's postings belong to its organisation and
 * its id namespace whatever the document says; for everyone, a posting id equal to an occupation id
 * or code (it would shadow the occupation) or stored for another organisation is refused.
 * A posting without an occupation gets the title normaliser's best one when the workspace has it and
 * is confident (issue 15: `occupationInferred`); its text is then linked in that occupation's sense, as a
 * stated one's is (issue 18): `linkPostings`, which `skillgraph eval postings` links with too.
 */
export async function importPostings(ws: Workspace, principal: Principal | null, document: unknown, now: Date, opts: ParseOptions = {}): Promise<PostingImport> {
  const p = requireRole(principal, ['admin', 'employer'], 'importing job postings');
  const org = p.role === 'employer' ? (p.organisationId ?? '') : null;
  let given: JobPosting[];
  let refused: readonly RefusedRecord[] = [];
  let warnings: readonly IngestWarning[] = [];
  if (isPlainText(document)) {
    if (document.trim() === '') throw new InvalidInputError('the posting text is empty', 'document');
    given = [postingFromText(document, org ?? '', now)];
    // The same warning a JSON-LD posting's text gets (engine/ingest/jobposting.ts): not a silent empty result.
    const lang = guessLanguage(document);
    if (lang !== null && lang !== 'en') warnings = [{ code: 'LANGUAGE_NOT_COVERED', path: 'document', message: `the text looks ${LANGUAGE_NAMES[lang] ?? lang}; the linking model covers English only, so skills in it may not be found` }];
  } else {
    const result = parseDocument(document, { now, ...opts });
    if (result.format !== 'jobposting') throw new InvalidInputError(`${opts.source ? `${opts.source} holds` : 'the document holds'} ${result.format}, not job postings (schema.org JobPosting)`, 'document');
    given = result.postings.map((x) => x.posting);
    ({ refused, warnings } = result);
  }
  const owned = ownPostings(p, given, (id) => ws.records.postings.get(id), (id) => findOccupation(ws.graph, id) !== undefined);
  if (owned.refusal) throw refusalError(owned.refusal, opts.source);
  mark(`import: ${owned.postings.length} postings read`);
  const postings = await linkPostings(owned.postings, ws.graph, ws.linker, () => ws.titles());
  await ws.store.putRecords({ postings });
  mark('import: written');
  threadTimes('after the import');
  ws.apply({ postings });
  return { postings, refused, warnings };
}
