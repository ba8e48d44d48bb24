/**
 * schema.org JobPosting (JSON-LD: one object, an array, or `@graph`) → JobPosting.
 * - description: HTML stripped.  - hiringOrganization: IRI, name or Organization → organisationId.
 * - occupationalCategory: string or CategoryCode ({codeValue, name, inCodeSet}); an ESCO occupation URI or
 *   an O*NET-SOC / SOC code becomes `occupationId` (`onet:15-1252.00`); other schemes are kept as given.
 * - skills: string, comma list, DefinedTerm(s) with url / termCode → explicit links (confidence 1) when the
 *   url is an ESCO skill URI or the termCode an O*NET element id; everything else is returned as
 *   `skillTerms` for the text linker.
 * - jobLocation: Place / PostalAddress → "locality, region, country"; baseSalary: MonetaryAmount.
 */
import type { SkillLink } from '../../taxonomy/model/types.ts';
import { dedupeLinks, escoOccupationId, escoSkillId, explicit, onetOccupationId, onetSkillId } from './alignment.ts';
import { type ParseContext } from './context.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import type { IngestedPosting, MonetaryRange } from './types.ts';
import { asArray, at, describe, isObject, optDate, optString, reqString, stripHtml, toNumber, typesOf, type JsonObject } from './values.ts';

export function isJobPosting(v: unknown): boolean {
  return isObject(v) && typesOf(v).some((t) => t === 'JobPosting' || t === 'schema:JobPosting' || /schema\.org\/JobPosting$/.test(t));
}

/** All JobPosting objects in a value (root, array or @graph), with their JSON paths. */
export function findJobPostings(v: unknown, path = ''): { doc: JsonObject; path: string }[] {
  if (Array.isArray(v)) return v.flatMap((x, i) => findJobPostings(x, at(path, i)));
  if (!isObject(v)) return [];
  if (isJobPosting(v)) return [{ doc: v, path }];
  if (Array.isArray(v['@graph'])) return findJobPostings(v['@graph'], at(path, '@graph'));
  return [];
}

export function parseJobPostings(value: unknown, ctx: ParseContext): IngestedPosting[] {
  const found = findJobPostings(value);
  if (found.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'no schema.org JobPosting in the document', { path: '' });
  return found.map(({ doc, path }) => parsePosting(doc, path, ctx));
}

function parsePosting(d: JsonObject, path: string, _ctx: ParseContext): IngestedPosting {
  const title = reqString(d, 'title', path, 'JobPosting title');
  const descriptionRaw = optString(d, 'description', path) ?? '';
  const datePosted = optDate(d, 'datePosted', path);
  if (datePosted === null) throw new IngestError(IngestErrorCode.MissingField, 'datePosted is required', { path: at(path, 'datePosted') });
  const org = organisationOf(d['hiringOrganization'], at(path, 'hiringOrganization'));
  const id = optString(d, '@id', path) ?? optString(d, 'id', path) ?? identifierOf(d, path, org.id);
  const occ = occupationOf(d['occupationalCategory'], at(path, 'occupationalCategory'));
  const { links, terms } = skillsOf(d, path);
  const employmentType = asArray(d['employmentType']).filter((x): x is string => typeof x === 'string');
  return {
    posting: {
      id,
      title,
      description: stripHtml(descriptionRaw),
      organisationId: org.id,
      datePosted,
      occupationId: occ?.id ?? null,
      location: locationOf(d['jobLocation'], d['jobLocationType']),
      skills: dedupeLinks(links),
    },
    hiringOrganization: org,
    occupationalCategory: occ ? { code: occ.code, name: occ.name } : null,
    skillTerms: [...new Set(terms)],
    baseSalary: salaryOf(d['baseSalary'], at(path, 'baseSalary')),
    employmentType,
    validThrough: optDate(d, 'validThrough', path),
  };
}

function identifierOf(d: JsonObject, path: string, orgId: string): string {
  const ident = d['identifier'];
  if (typeof ident === 'string' && ident.trim()) return ident.trim();
  if (isObject(ident)) {
    const v = ident['value'] ?? ident['@id'];
    if (typeof v === 'string' || typeof v === 'number') return `${orgId}#${String(v)}`;
  }
  const url = optString(d, 'url', path);
  if (url) return url;
  throw new IngestError(IngestErrorCode.MissingField, 'a JobPosting needs an id: @id, identifier or url', { path: at(path, '@id') });
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

function occupationOf(v: unknown, path: string): { id: string | null; code: string; name: string } | null {
  const first = asArray(v)[0];
  if (first === undefined) return null;
  let code = '';
  let name = '';
  if (typeof first === 'string') code = first.trim();
  else if (isObject(first)) {
    const p = Array.isArray(v) ? at(path, 0) : path;
    code = optString(first, 'codeValue', p) ?? optString(first, 'termCode', p) ?? optString(first, '@id', p) ?? optString(first, 'url', p) ?? '';
    name = optString(first, 'name', p) ?? '';
    const uri = optString(first, 'url', p) ?? optString(first, '@id', p) ?? '';
    const byUri = escoOccupationId(uri);
    if (byUri) return { id: byUri, code, name };
  } else throw new IngestError(IngestErrorCode.InvalidField, `occupationalCategory must be a string or CategoryCode, got ${describe(first)}`, { path });
  const id = escoOccupationId(code) ?? onetOccupationId(code) ?? null;
  return { id, code, name };
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

function salaryOf(v: unknown, path: string): MonetaryRange | null {
  if (v === undefined || v === null) return null;
  if (!isObject(v)) throw new IngestError(IngestErrorCode.InvalidField, `baseSalary must be a MonetaryAmount, got ${describe(v)}`, { path });
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
