/**
 * JSON Resume (jsonresume.org, schema v1.0.0 as published in `@jsonresume/schema`) → candidate records.
 * Input: one resume object or an array of them. Each resume is validated against the published JSON
 * schema: a wrong type is an error for that record; a value that breaks only a `format` (an e-mail or a
 * URL that is not a URI) is a warning, except the e-mail when it is the candidate's id.
 *
 * - id: `meta.id` when given, else `mailto:<basics.email, lower-cased>` (so re-importing the same file
 *   updates the same candidates); a resume with neither is an error (no stable key to import it by).
 * - name: `basics.name` (required).
 * - experience (the text linked to skills): `basics.label`/`summary`, each `work`/`volunteer` entry's
 *   position, organisation, summary and highlights, each `education` entry's study type, area,
 *   institution and courses, `projects` descriptions and highlights, `certificates` names; one line each.
 * - skill tags (self-claimed): `skills[].name` and `skills[].keywords`, `projects[].keywords`.
 * - location: `basics.location` city, region and country code.
 */
import { createRequire } from 'node:module';
import { Validator, type Schema } from 'jsonschema';
import type { Candidate } from '../../taxonomy/model/types.ts';
import type { CandidateBatch, CandidateRecord, RecordError } from './candidate-records.ts';
import { bareMessage, IngestError, IngestErrorCode } from './errors.ts';
import { at, describe, isObject, type JsonObject } from './values.ts';

const schema = createRequire(import.meta.url)('@jsonresume/schema/schema.json') as Schema;
const validator = new Validator();

/** True when a parsed JSON value looks like a JSON Resume (or an array of them). */
export function isJsonResume(value: unknown): boolean {
  const first = Array.isArray(value) ? value[0] : value;
  return isObject(first) && isObject(first['basics']) && !('@context' in first);
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const strings = (v: unknown): string[] => list(v).map(str).filter((s) => s !== '');
const joined = (...parts: string[]): string => parts.filter((p) => p !== '').join(' ');

function experienceLines(r: JsonObject): string[] {
  const basics = isObject(r['basics']) ? r['basics'] : {};
  const lines = [str(basics['label']), str(basics['summary'])];
  for (const key of ['work', 'volunteer'] as const) {
    for (const w of list(r[key]).filter(isObject)) {
      const org = str(w['name']) || str(w['organization']);
      lines.push(joined(str(w['position']), org ? `at ${org}` : ''), str(w['summary']), str(w['description']), ...strings(w['highlights']));
    }
  }
  for (const e of list(r['education']).filter(isObject)) {
    lines.push(joined(str(e['studyType']), str(e['area']) ? `in ${str(e['area'])}` : '', str(e['institution']) ? `at ${str(e['institution'])}` : ''), ...strings(e['courses']));
  }
  for (const p of list(r['projects']).filter(isObject)) lines.push(joined(str(p['name']) ? `${str(p['name'])}:` : '', str(p['description'])), ...strings(p['highlights']));
  for (const c of list(r['certificates']).filter(isObject)) lines.push(str(c['name']));
  return lines.filter((l) => l !== '' && !/^[\w-]+:$/.test(l));
}

function skillTags(r: JsonObject): CandidateRecord['skillTags'] {
  const out: { tag: string; source: string }[] = [];
  list(r['skills']).forEach((s, i) => {
    if (!isObject(s)) return;
    if (str(s['name'])) out.push({ tag: str(s['name']), source: `skills[${i}].name` });
    strings(s['keywords']).forEach((k, j) => out.push({ tag: k, source: `skills[${i}].keywords[${j}]` }));
  });
  list(r['projects']).forEach((p, i) => {
    if (isObject(p)) strings(p['keywords']).forEach((k, j) => out.push({ tag: k, source: `projects[${i}].keywords[${j}]` }));
  });
  const seen = new Set<string>();
  return out.filter((t) => {
    const key = t.tag.toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function idOf(r: JsonObject, basics: JsonObject): string {
  const meta = isObject(r['meta']) ? r['meta'] : {};
  const explicit = str(meta['id']);
  if (explicit) return explicit;
  const email = str(basics['email']).toLowerCase();
  if (!email) throw new IngestError(IngestErrorCode.MissingField, 'a resume needs meta.id or basics.email to be imported by id (re-imports update the same candidate)', { path: 'basics.email' });
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw new IngestError(IngestErrorCode.InvalidField, `basics.email is the candidate's id but is not an e-mail address: ${JSON.stringify(email)}`, { path: 'basics.email' });
  return `mailto:${email}`;
}

/** One resume → a record (throws one IngestError naming the path). Schema format warnings go to `warn`. */
export function parseJsonResume(value: unknown, warn: (path: string, message: string) => void = () => {}): CandidateRecord {
  if (!isObject(value)) throw new IngestError(IngestErrorCode.InvalidField, `expected a resume object, got ${describe(value)}`, { path: '' });
  const result = validator.validate(value, schema);
  for (const e of result.errors) {
    const path = e.property.replace(/^instance\.?/, '');
    if (e.name === 'format') warn(path, e.message);
    else throw new IngestError(IngestErrorCode.InvalidField, `does not match the JSON Resume schema: ${e.message}`, { path });
  }
  const basics = isObject(value['basics']) ? value['basics'] : null;
  if (!basics) throw new IngestError(IngestErrorCode.MissingField, 'basics is required (name and e-mail)', { path: 'basics' });
  const name = str(basics['name']);
  if (!name) throw new IngestError(IngestErrorCode.MissingField, 'basics.name is required', { path: at('basics', 'name') });
  const id = idOf(value, basics);
  const loc = isObject(basics['location']) ? basics['location'] : {};
  const candidate: Candidate = {
    id,
    name,
    location: [str(loc['city']), str(loc['region']), str(loc['countryCode'])].filter(Boolean).join(', '),
    experience: experienceLines(value).join('\n'),
    sharedWith: [],
    claimedSkills: [],
  };
  return { candidate, skillTags: skillTags(value) };
}

/** One resume or an array of resumes → records and per-record errors (a bad resume never stops the others). */
export function parseJsonResumes(value: unknown): CandidateBatch {
  const items = Array.isArray(value) ? value : [value];
  if (items.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'the file holds no resume', { path: '' });
  const records: CandidateRecord[] = [];
  const errors: RecordError[] = [];
  const warnings: RecordError[] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    const prefix = Array.isArray(value) ? `[${index}]` : '';
    const local: RecordError[] = [];
    try {
      const rec = parseJsonResume(item, (path, message) => local.push({ index, id: null, code: 'FORMAT', path: `${prefix}${path ? `.${path}` : ''}`.replace(/^\./, ''), message }));
      const dup = seen.get(rec.candidate.id);
      if (dup !== undefined) throw new IngestError(IngestErrorCode.InvalidId, `duplicate candidate id ${rec.candidate.id} (also resume ${dup})`, { path: 'basics.email' });
      seen.set(rec.candidate.id, index);
      records.push(rec);
      warnings.push(...local.map((w) => ({ ...w, id: rec.candidate.id })));
    } catch (err) {
      if (!(err instanceof IngestError)) throw err;
      const basics = isObject(item) && isObject(item['basics']) ? item['basics'] : {};
      errors.push({ index, id: str(basics['email']) ? `mailto:${str(basics['email']).toLowerCase()}` : null, code: err.code, path: `${prefix}${err.path ? `.${err.path}` : ''}`.replace(/^\./, ''), message: bareMessage(err) });
    }
  });
  return { format: 'json-resume', records, errors, warnings };
}
