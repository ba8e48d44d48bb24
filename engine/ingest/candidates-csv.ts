/**
 * Candidates from a CSV file (one row per person, header row required, RFC 4180 quoting, UTF-8):
 *
 * | column | required | meaning |
 * |---|---|---|
 * | `id` | one of id/email | the candidate id (re-importing the same id updates the candidate) |
 * | `email` | one of id/email | when `id` is empty the id is `mailto:<email, lower-cased>` (as for JSON Resume) |
 * | `name` | yes | display name |
 * | `location` | no | free text |
 * | `experience` | no | free-text work history (linked to skills) |
 * | `education` | no | free-text education (linked to skills) |
 * | `skills` | no | self-claimed skills, separated by `;` (labels, or ESCO/O*NET ids) |
 * | `sharedWith` | no | organisation ids the person shares their profile with, separated by `;` |
 *
 * Column names are matched case-insensitively; unknown columns are ignored (listed in the warnings).
 * A row with a missing name or id, or an id already used by an earlier row, is an error for that row.
 */
import { parse } from 'csv-parse/sync';
import type { CandidateBatch, CandidateRecord, RecordError } from './candidate-records.ts';
import { IngestError, IngestErrorCode } from './errors.ts';

export const CANDIDATE_CSV_COLUMNS = ['id', 'email', 'name', 'location', 'experience', 'education', 'skills', 'sharedWith'] as const;
type Column = (typeof CANDIDATE_CSV_COLUMNS)[number];

/** True when a CSV header names the candidate columns (name plus id or email). */
export function isCandidateCsvHeader(columns: readonly string[]): boolean {
  const set = new Set(columns.map((c) => c.trim().toLowerCase()));
  return set.has('name') && (set.has('id') || set.has('email'));
}

const split = (v: string): string[] => v.split(';').map((s) => s.trim()).filter((s) => s !== '');

export function parseCandidatesCsv(text: string): CandidateBatch {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true }) as string[][];
  } catch (err) {
    const e = err as { message?: string; lines?: number };
    throw new IngestError(IngestErrorCode.InvalidCsv, `not CSV: ${e.message ?? 'parse error'}`, { path: '', ...(e.lines !== undefined ? { line: e.lines } : {}) });
  }
  const [header, ...body] = rows;
  if (!header || !isCandidateCsvHeader(header)) {
    throw new IngestError(IngestErrorCode.InvalidCsv, `the header must name the columns name and id (or email); got: ${(header ?? []).join(', ') || 'nothing'}`, { path: '', line: 1 });
  }
  if (body.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'the CSV has a header but no rows', { path: '', line: 2 });
  const lower = header.map((h) => h.trim().toLowerCase());
  const index = new Map<Column, number>();
  for (const c of CANDIDATE_CSV_COLUMNS) {
    const i = lower.indexOf(c.toLowerCase());
    if (i >= 0) index.set(c, i);
  }
  const warnings: RecordError[] = header.filter((_h, i) => !CANDIDATE_CSV_COLUMNS.some((c) => c.toLowerCase() === lower[i])).map((h) => ({ index: -1, id: null, code: 'UNKNOWN_COLUMN', path: h, message: `column ${JSON.stringify(h)} is not a candidate column (ignored)` }));
  const records: CandidateRecord[] = [];
  const errors: RecordError[] = [];
  const seen = new Map<string, number>();
  body.forEach((row, i) => {
    const line = i + 2;
    const get = (c: Column): string => {
      const k = index.get(c);
      return k === undefined ? '' : (row[k] ?? '').trim();
    };
    const email = get('email').toLowerCase();
    const id = get('id') || (email ? `mailto:${email}` : '');
    const fail = (code: string, path: string, message: string): void => void errors.push({ index: i, id: id || null, code, path: `line ${line}, ${path}`, message });
    if (row.length !== header.length) return fail(IngestErrorCode.InvalidCsv, 'row', `expected ${header.length} fields, got ${row.length}`);
    if (!id) return fail(IngestErrorCode.MissingField, 'id', 'a row needs an id or an email');
    const name = get('name');
    if (!name) return fail(IngestErrorCode.MissingField, 'name', 'name is empty');
    const dup = seen.get(id);
    if (dup !== undefined) return fail(IngestErrorCode.InvalidId, 'id', `duplicate candidate id ${id} (also on line ${dup})`);
    seen.set(id, line);
    records.push({
      candidate: {
        id,
        name,
        location: get('location'),
        experience: [get('experience'), get('education')].filter(Boolean).join('\n'),
        sharedWith: split(get('sharedWith')),
        claimedSkills: [],
      },
      skillTags: split(get('skills')).map((tag) => ({ tag, source: `line ${line}, skills: ${tag}` })),
    });
  });
  return { format: 'csv', records, errors, warnings };
}
