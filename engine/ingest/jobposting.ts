/**
 * schema.org JobPosting (JSON-LD: one object, an array, or `@graph`) → JobPosting.
 * - description: HTML stripped.  - hiringOrganization: IRI, name or Organization → organisationId.
 * - occupationalCategory: string or CategoryCode ({codeValue, name, inCodeSet}); an ESCO occupation URI or
 *   an O*NET-SOC / SOC code becomes `occupationId` (`onet:15-1252.00`); other schemes are kept as given.
 * - skills: string, comma list, DefinedTerm(s) with url / termCode → explicit links (confidence 1) when the
 *   url is an ESCO skill URI or the termCode an O*NET element id; everything else is returned as
 *   `skillTerms` for the text linker.
 * - jobLocation: Place / PostalAddress → "locality, region, country"; baseSalary: MonetaryAmount, a number or text.
 * - Only a title (`title`, else `name`) is required; a missing hiringOrganization, datePosted (then the import
 *   date `now`) or id (then a stable hash id) is a warning, as schema.org's own examples omit them.
 * - skills / qualifications / responsibilities / experienceRequirements / educationRequirements text is appended
 *   to the description so the text linker links it; occupationalCategory is parsed into scheme, code and name.
 * - Postings are read one by one (root, array, `@graph`, `ItemList`): a bad one is refused with its path and
 *   reason, the others are kept.
 */
import type { SkillLink } from '../../taxonomy/model/types.ts';
import { dedupeLinks, escoOccupationId, escoSkillId, explicit, onetOccupationId, onetSkillId } from './alignment.ts';
import { type ParseContext } from './context.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { warn } from './context.ts';
import { guessLanguage, LANGUAGE_NAMES } from './language.ts';
import type { IngestedPosting, MonetaryRange, RefusedRecord } from './types.ts';
import { asArray, at, describe, isObject, optDate, optString, stripHtml, toNumber, typesOf, type JsonObject } from './values.ts';

export function isJobPosting(v: unknown): boolean {
  return isObject(v) && typesOf(v).some((t) => t === 'JobPosting' || t === 'schema:JobPosting' || /schema\.org\/JobPosting$/.test(t));
}

/** All JobPosting objects in a value (root, array or @graph), with their JSON paths. */
export function findJobPostings(v: unknown, path = ''): { doc: JsonObject; path: string }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => findJobPostings(x, at(path, i)));
  if (!isObject(v)) return [];
  if (isJobPosting(v)) return [{ doc: v, path }];
  if (Array.isArray(v['@graph'])) return findJobPostings(v['@graph'], at(path, '@graph'));
  if (typesOf(v).includes('ItemList') && v['itemListElement'] !== undefined) {
    return asArray(v['itemListElement']).flatMap((el, i) => {
      const p = at(at(path, 'itemListElement'), i);
      return isObject(el) && !isJobPosting(el) && el['item'] !== undefined ? findJobPostings(el['item'], at(p, 'item')) : findJobPostings(el, p);
    });
  }
  return [];
}

/**
 * Every posting of the document, read one by one: a posting that cannot be read is refused (path, code,
 * reason) and the others are kept. When none can be read, the first refusal is thrown.
 */
export function parseJobPostings(value: unknown, ctx: ParseContext): { postings: IngestedPosting[]; refused: RefusedRecord[] } {
  const found = findJobPostings(value);
  if (found.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'no schema.org JobPosting in the document', { path: '' });
  const postings: IngestedPosting[] = [];
  const refused: RefusedRecord[] = [];
  let first: unknown = null;
  for (const { doc, path } of found) {
    const warnings = ctx.warnings.length;
    try {
      postings.push(parsePosting(doc, path, ctx));
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      ctx.warnings.length = warnings;
      first ??= error;
      refused.push({ path: error.path || path, code: error.code, message: error.message });
    }
  }
  if (postings.length === 0) throw first;
  return { postings, refused };
}

/** A stable id from the posting's content (FNV-1a, 64 bits as two 32-bit halves). */
function contentId(parts: readonly string[]): string {
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (const ch of parts.join('\u0000')) {
    const c = ch.codePointAt(0) ?? 0;
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return `urn:skillgraph:jobposting:${h1.toString(16).padStart(8, '0')}${h2.toString(16).padStart(8, '0')}`;
}

/** Text of a requirement field: a string (HTML cleaned) or objects' description / name / credentialCategory / about. */
function requirementText(v: unknown): string[] {
  return asArray(v).flatMap((item): string[] => {
    if (typeof item === 'string') return [stripHtml(item)];
    if (!isObject(item)) return [];
    const parts = ['name', 'description', 'credentialCategory', 'about'].map((k) => item[k]).filter((x): x is string => typeof x === 'string');
    const months = toNumber(item['monthsOfExperience']);
    if (months !== null) parts.push(`${months} months of experience`);
    return parts.length > 0 ? [stripHtml(parts.join(', '))] : [];
  }).filter(Boolean);
}

const REQUIREMENT_FIELDS: ReadonlyArray<[string, string]> = [
  ['skills', 'Skills'],
  ['qualifications', 'Qualifications'],
  ['responsibilities', 'Responsibilities'],
  ['experienceRequirements', 'Experience'],
  ['educationRequirements', 'Education'],
];

function parsePosting(d: JsonObject, path: string, ctx: ParseContext): IngestedPosting {
  const title = optString(d, 'title', path) ?? optString(d, 'name', path);
  if (!title) throw new IngestError(IngestErrorCode.MissingField, 'a JobPosting needs a title (or name)', { path: at(path, 'title') });
  const descriptionRaw = optString(d, 'description', path) ?? '';
  let datePosted = optDate(d, 'datePosted', path);
  if (datePosted === null) {
    if (ctx.now === null) throw new IngestError(IngestErrorCode.MissingField, 'datePosted is required when no import date is given', { path: at(path, 'datePosted') });
    datePosted = ctx.now.slice(0, 10);
    warn(ctx, 'MISSING_DATE_POSTED', at(path, 'datePosted'), `no datePosted: recorded with the import date ${datePosted}`);
  }
  let org = { id: '', name: '' };
  if (d['hiringOrganization'] === undefined) warn(ctx, 'MISSING_HIRING_ORGANIZATION', at(path, 'hiringOrganization'), 'no hiringOrganization: the posting belongs to no organisation');
  else org = organisationOf(d['hiringOrganization'], at(path, 'hiringOrganization'));
  const description = stripHtml(descriptionRaw);
  let id = optString(d, '@id', path) ?? optString(d, 'id', path) ?? identifierOf(d, path, org.id);
  if (id === null) {
    id = contentId([title, org.id, description, datePosted]);
    warn(ctx, 'MISSING_ID', at(path, '@id'), `no @id, identifier or url: given the content id ${id}`);
  }
  const relevant = isObject(d['relevantOccupation']) ? d['relevantOccupation'] : null;
  const occ = occupationOf(d['occupationalCategory'] ?? relevant?.['occupationalCategory'], at(path, d['occupationalCategory'] !== undefined || !relevant ? 'occupationalCategory' : 'relevantOccupation.occupationalCategory'));
  const { links, terms } = skillsOf(d, path);
  const employmentType = asArray(d['employmentType']).filter((x): x is string => typeof x === 'string');
  const extra = REQUIREMENT_FIELDS.flatMap(([key, label]) => {
    const text = requirementText(d[key]).join('\n');
    return text ? [`${label}: ${text}`] : [];
  });
  const fullText = [description, ...extra].filter(Boolean).join('\n\n');
  const lang = guessLanguage(`${title} ${fullText}`);
  if (lang !== null && lang !== 'en') {
    warn(ctx, 'LANGUAGE_NOT_COVERED', at(path, 'description'), `the text looks ${LANGUAGE_NAMES[lang] ?? lang}; the linking model covers English only, so skills in it may not be found`);
  }
  return {
    posting: {
      id,
      title,
      description: fullText,
      organisationId: org.id,
      datePosted,
      occupationId: occ?.id ?? null,
      location: locationOf(d['jobLocation'], d['jobLocationType']),
      skills: dedupeLinks(links),
    },
    hiringOrganization: org,
    occupationalCategory: occ ? { scheme: occ.scheme, code: occ.code, name: occ.name } : null,
    skillTerms: [...new Set(terms)],
    baseSalary: salaryOf(d['baseSalary'], at(path, 'baseSalary'), ctx),
    employmentType,
    validThrough: optDate(d, 'validThrough', path),
  };
}

function identifierOf(d: JsonObject, path: string, orgId: string): string | null {
  const ident = d['identifier'];
  if (typeof ident === 'string' && ident.trim()) return ident.trim();
  if (isObject(ident)) {
    const v = ident['value'] ?? ident['@id'];
    if (typeof v === 'string' || typeof v === 'number') return `${orgId}#${String(v)}`;
  }
  const url = optString(d, 'url', path);
  return url ?? null;
}

function organisationOf(v: unknown, path: string): { id: string; name: string } {
  if (typeof v === 'string' && v.trim()) return { id: v.trim(), name: /^https?:/.test(v) ? '' : v.trim() };
  if (isObject(v)) {
    const name = optString(v, 'name', path) ?? '';
    const ident = typeof v['identifier'] === 'string' ? v['identifier'].trim() : '';
    const id = optString(v, '@id', path) ?? optString(v, 'id', path) ?? (ident || null) ?? optString(v, 'sameAs', path) ?? optString(v, 'url', path) ?? name;
    if (id) return { id, name };
  }
  throw new IngestError(v === undefined ? IngestErrorCode.MissingField : IngestErrorCode.InvalidField, 'hiringOrganization is required: an Organization with a name or an id', { path });
}

/** Scheme of an occupation code: ESCO (URI), O*NET-SOC (`15-1252.00`), SOC (`15-1252`), ISCO-08 (4 digits), or ''. */
function schemeOf(code: string, codeSet: string): string {
  if (escoOccupationId(code)) return 'ESCO';
  if (/o\s*\*?\s*net/i.test(codeSet)) return 'O*NET-SOC';
  if (/isco/i.test(codeSet)) return 'ISCO-08';
  if (/^\d{2}-\d{4}\.\d{2}$/.test(code)) return 'O*NET-SOC';
  if (/^\d{2}-\d{4}$/.test(code)) return 'SOC';
  if (/^\d{4}$/.test(code)) return 'ISCO-08';
  return codeSet;
}

/** "15-1132.00 Software Developers, Application" → code + name (also "2512 Software developers" for ISCO-08). */
function splitCodeAndName(text: string): { code: string; name: string } {
  const m = /^(\d{2}-\d{4}(?:\.\d{2})?|\d{4})(?:\s*[-–:]?\s+(.+))?$/.exec(text.trim());
  return m ? { code: m[1] ?? '', name: (m[2] ?? '').trim() } : { code: text.trim(), name: '' };
}

function occupationOf(v: unknown, path: string): { id: string | null; scheme: string; code: string; name: string } | null {
  const first = asArray(v)[0];
  if (first === undefined) return null;
  let code = '';
  let name = '';
  let codeSet = '';
  if (typeof first === 'string') {
    if (escoOccupationId(first)) code = first.trim();
    else ({ code, name } = splitCodeAndName(first));
  } else if (isObject(first)) {
    const p = Array.isArray(v) ? at(path, 0) : path;
    const set = first['inCodeSet'];
    codeSet = typeof set === 'string' ? set : isObject(set) ? (optString(set, 'name', at(p, 'inCodeSet')) ?? optString(set, 'url', at(p, 'inCodeSet')) ?? '') : '';
    code = optString(first, 'codeValue', p) ?? optString(first, 'termCode', p) ?? optString(first, '@id', p) ?? optString(first, 'url', p) ?? '';
    name = optString(first, 'name', p) ?? '';
    const uri = optString(first, 'url', p) ?? optString(first, '@id', p) ?? '';
    const byUri = escoOccupationId(uri);
    if (byUri) return { id: byUri, scheme: 'ESCO', code, name };
  } else throw new IngestError(IngestErrorCode.InvalidField, `occupationalCategory must be a string or CategoryCode, got ${describe(first)}`, { path });
  const id = escoOccupationId(code) ?? onetOccupationId(code) ?? null;
  return { id, scheme: schemeOf(code, codeSet), code, name };
}

function skillsOf(d: JsonObject, path: string): { links: SkillLink[]; terms: string[] } {
  const links: SkillLink[] = [];
  const terms: string[] = [];
  for (const key of ['skills', 'qualifications', 'competencyRequired']) {
    const v = d[key];
    if (v === undefined) continue;
    const items = Array.isArray(v) ? v : [v];
    items.forEach((item, i) => {
      const p = Array.isArray(v) ? at(at(path, key), i) : at(path, key);
      if (typeof item === 'string') {
        if (key === 'skills') terms.push(...splitSkills(item));
        return;
      }
      if (!isObject(item)) throw new IngestError(IngestErrorCode.InvalidField, `a skill must be a string or DefinedTerm, got ${describe(item)}`, { path: p });
      const url = optString(item, 'url', p) ?? optString(item, '@id', p) ?? optString(item, 'sameAs', p);
      const termCode = optString(item, 'termCode', p) ?? optString(item, 'codeValue', p);
      const esco = url ? escoSkillId(url) : null;
      const onet = termCode ? onetSkillId(termCode) : null;
      if (esco) links.push(explicit(esco, at(p, url === optString(item, 'url', p) ? 'url' : '@id')));
      else if (onet) links.push(explicit(onet, at(p, 'termCode')));
      else {
        const name = optString(item, 'name', p);
        if (name) terms.push(name);
      }
    });
  }
  return { links, terms };
}

/** A comma/semicolon/newline list of skills → trimmed phrases. */
function splitSkills(s: string): string[] {
  const t = stripHtml(s);
  return t.split(/[,;\n•·]+/).map((x) => x.replace(/^[-*\s]+/, '').trim()).filter(Boolean);
}

function locationOf(v: unknown, type: unknown): string {
  const first = asArray(v)[0];
  if (typeof first === 'string') return first.trim();
  if (isObject(first)) {
    const addr = first['address'];
    if (typeof addr === 'string') return addr.trim();
    if (isObject(addr)) {
      const parts = ['addressLocality', 'addressRegion', 'addressCountry'].map((k) => {
        const x = addr[k];
        return typeof x === 'string' ? x.trim() : isObject(x) && typeof x['name'] === 'string' ? x['name'].trim() : '';
      });
      return parts.filter(Boolean).join(', ');
    }
    if (typeof first['name'] === 'string') return first['name'].trim();
  }
  return type === 'TELECOMMUTE' ? 'remote' : '';
}

/** Numbers in a salary text ("$50,000 - $60,000", "100000", "45k"). */
function salaryNumbers(text: string): number[] {
  return [...text.matchAll(/(\d[\d,.\s]*\d|\d)\s*([kK])?/g)].map((m) => {
    const n = Number((m[1] ?? '').replace(/[,\s]/g, ''));
    return m[2] ? n * 1000 : n;
  }).filter((n) => Number.isFinite(n));
}

/** baseSalary as a MonetaryAmount, a number or a text ("100000", "$50,000 - $60,000 a year"). */
function salaryOf(v: unknown, path: string, ctx: ParseContext): MonetaryRange | null {
  if (v === undefined || v === null) return null;
  if (typeof v === 'number') return Number.isFinite(v) ? { currency: '', min: v, max: v, unit: '' } : null;
  if (typeof v === 'string') {
    const nums = salaryNumbers(v);
    if (nums.length === 0) {
      warn(ctx, 'UNREADABLE_SALARY', path, `baseSalary ${JSON.stringify(v.slice(0, 60))} has no amount; left out`);
      return null;
    }
    const currency = /\$|usd/i.test(v) ? 'USD' : /€|eur/i.test(v) ? 'EUR' : /£|gbp/i.test(v) ? 'GBP' : '';
    const unit = /hour/i.test(v) ? 'HOUR' : /month/i.test(v) ? 'MONTH' : /year|annum|annual/i.test(v) ? 'YEAR' : '';
    return { currency, min: Math.min(...nums.slice(0, 2)), max: Math.max(...nums.slice(0, 2)), unit };
  }
  if (!isObject(v)) throw new IngestError(IngestErrorCode.InvalidField, `baseSalary must be a MonetaryAmount, a number or a text, got ${describe(v)}`, { path });
  const currency = optString(v, 'currency', path) ?? '';
  const value = v['value'];
  let min: number | null = null;
  let max: number | null = null;
  let unit = '';
  if (isObject(value)) {
    min = toNumber(value['minValue'] ?? value['value']);
    max = toNumber(value['maxValue'] ?? value['value']);
    unit = typeof value['unitText'] === 'string' ? value['unitText'].toUpperCase() : '';
  } else {
    const n = toNumber(value);
    if (value !== undefined && n === null) throw new IngestError(IngestErrorCode.InvalidField, 'baseSalary.value must be a number or QuantitativeValue', { path: at(path, 'value') });
    min = max = n;
  }
  if (min !== null && max !== null && min > max) throw new IngestError(IngestErrorCode.InvalidField, `minValue ${min} exceeds maxValue ${max}`, { path: at(path, 'value') });
  return { currency, min, max, unit };
}
