/**
 * The one ingestion entry: `ingestDocument(input, opts)` parses text or an already-parsed JSON value in one
 * of the supported formats and returns a complete IngestResult, or throws ONE IngestError (never a partial result).
 */
import { z } from 'zod';
import { parseCatalogueCsv, parseCatalogueRows } from './catalogue.ts';
import { isClrCredential, parseClr } from './clr.ts';
import { newContext } from './context.ts';
import { parseCtdl } from './ctdl.ts';
import { detectFormat } from './detect.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { parseJobPostings } from './jobposting.ts';
import { parseJsonLenient } from './json-lenient.ts';
import { credentialFromJws, isCompactJws } from './jwt.ts';
import { parseOb2 } from './ob2.ts';
import { isOb3Achievement, parseOb3Achievement, parseOb3Credential } from './ob3.ts';
import { INGEST_FORMATS, type CredentialsResult, type IngestFormat, type IngestOptions, type IngestResult } from './types.ts';
import { at, checkDepth, describe, isObject, typesOf } from './values.ts';

const OptionsSchema = z.object({
  format: z.enum([...INGEST_FORMATS, 'auto']).optional(),
  now: z
    .string()
    .refine((s) => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}/.test(s))
    .optional(),
  ctid: z.enum(['strict', 'warn']).optional(),
  catalogueIdPrefix: z.string().min(1).optional(),
});

/** Check options once; `invalid <option>: <value>` otherwise. */
export function checkIngestOptions(opts: unknown): IngestOptions {
  if (opts === undefined) return {};
  const r = OptionsSchema.strict().safeParse(opts);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const key = String(issue.path[0] ?? (issue.code === 'unrecognized_keys' ? issue.keys[0] : ''));
  const value = isObject(opts) ? (opts as Record<string, unknown>)[key] : opts;
  throw new IngestError(IngestErrorCode.InvalidOption, `invalid ${key || 'options'}: ${JSON.stringify(value) ?? String(value)}`, { path: '' });
}

export function ingestDocument(input: unknown, options?: IngestOptions): IngestResult {
  const opts = checkIngestOptions(options);
  const wanted = opts.format ?? 'auto';
  const ctx = newContext({ now: opts.now ?? null, ctid: opts.ctid ?? 'strict' });

  let value: unknown = input;
  if (typeof input === 'string') {
    const trimmed = input.replace(/^\uFEFF/, '').trim();
    const looksJson = /^[[{]/.test(trimmed.replace(/^(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/|\s+)*/, ''));
    const stringFormat = wanted === 'auto' ? (looksJson ? null : detectFormat(input)) : wanted === 'text' || wanted === 'catalogue' ? wanted : null;
    if (stringFormat === 'text') {
      if (trimmed === '') throw new IngestError(IngestErrorCode.EmptyDocument, 'the text is empty', { path: '' });
      return { format: 'text', text: input.trim(), warnings: ctx.warnings };
    }
    if (stringFormat === 'catalogue') {
      const r = parseCatalogueRows(parseCatalogueCsv(input), ctx, opts.catalogueIdPrefix);
      return { ...r, warnings: ctx.warnings };
    }
    if (wanted === 'auto' && trimmed === '') throw new IngestError(IngestErrorCode.EmptyDocument, 'the document is empty', { path: '' });
    if ((wanted === 'auto' || wanted === 'ob3') && isCompactJws(trimmed)) return ob3FromJwt(trimmed, ctx);
    value = parseJsonLenient(input);
  }

  checkDepth(value);
  value = unwrapPresentation(value, ctx);
  const format: IngestFormat | null = wanted === 'auto' ? detectFormat(value) : wanted;
  if (format === null) {
    throw new IngestError(
      IngestErrorCode.UnknownFormat,
      `not a supported document (${isObject(value) ? `keys: ${Object.keys(value).slice(0, 6).join(', ')}` : describe(value)}): expected Open Badges 2.0/3.0, CLR 2.0, CTDL JSON-LD, schema.org JobPosting, catalogue rows or text`,
      { path: '' },
    );
  }
  switch (format) {
    case 'text': {
      if (typeof value !== 'string') throw new IngestError(IngestErrorCode.InvalidField, `text input must be a string, got ${describe(value)}`, { path: '' });
      return { format: 'text', text: value.trim(), warnings: ctx.warnings };
    }
    case 'catalogue': {
      if (!Array.isArray(value)) throw new IngestError(IngestErrorCode.InvalidField, `catalogue input must be CSV text or an array of rows, got ${describe(value)}`, { path: '' });
      return { ...parseCatalogueRows(value, ctx, opts.catalogueIdPrefix), warnings: ctx.warnings };
    }
    case 'jobposting': {
      const { postings, refused } = parseJobPostings(value, ctx);
      return { format: 'jobposting', postings, refused, warnings: ctx.warnings };
    }
    case 'ctdl': {
      const r = parseCtdl(value, ctx);
      return { ...credentialsResult('ctdl', r.credentials, r.awards, r.pathways, ctx), skillAliases: r.skillAliases };
    }
    case 'clr': {
      const r = parseClr(requireObject(value), ctx);
      return credentialsResult('clr', r.credentials, r.awards, [], ctx);
    }
    case 'ob2': {
      const r = parseOb2(requireObject(value), ctx);
      return credentialsResult('ob2', r.credentials, r.awards, [], ctx);
    }
    case 'ob3': {
      const docs = Array.isArray(value) ? value.map((v, i) => [v, at('', i)] as const) : [[value, ''] as const];
      const parsed = docs.map(([d, p]) => {
        if (!isObject(d)) throw new IngestError(IngestErrorCode.InvalidField, `expected a credential object, got ${describe(d)}`, { path: p });
        return isOb3Achievement(d) ? { entry: parseOb3Achievement(d, p, ctx), award: null } : parseOb3Credential(d, p, ctx);
      });
      const seen = new Set<string>();
      const entries = parsed.map((x) => x.entry).filter((e) => (seen.has(e.credential.id) ? false : (seen.add(e.credential.id), true)));
      return credentialsResult('ob3', entries, parsed.flatMap((x) => (x.award ? [x.award] : [])), [], ctx);
    }
  }
}

/** An OB3 credential as a VC-JWT / VC-JOSE compact string: decoded, not verified; the award keeps the JWT as `raw`. */
function ob3FromJwt(jwt: string, ctx: ReturnType<typeof newContext>): CredentialsResult {
  const { credential, header } = credentialFromJws(jwt);
  checkDepth(credential);
  if (isClrCredential(credential)) {
    const r = parseClr(credential, ctx);
    return credentialsResult('clr', r.credentials, r.awards, [], ctx);
  }
  const { entry, award } = parseOb3Credential(credential, '', ctx);
  const kid = typeof header['kid'] === 'string' ? header['kid'] : null;
  return credentialsResult('ob3', [entry], [{ ...award, verificationMethod: { type: 'jwt', url: kid }, proof: null, raw: jwt }], [], ctx);
}

/**
 * A Verifiable Presentation → the credentials it carries (JSON, VC-JWT or EnvelopedVerifiableCredential data
 * URLs decoded), awarded to the holder when their subject has no id. The presentation's own proof
 * (holder binding) is not a credential and is not checked at ingest.
 */
function unwrapPresentation(value: unknown, ctx: ReturnType<typeof newContext>): unknown {
  if (!isObject(value) || !typesOf(value).includes('VerifiablePresentation')) return value;
  const holder = value['holder'];
  ctx.holder = typeof holder === 'string' ? holder : isObject(holder) && typeof holder['id'] === 'string' ? holder['id'] : undefined;
  const inner = value['verifiableCredential'];
  const list = inner === undefined ? [] : Array.isArray(inner) ? inner : [inner];
  if (list.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, 'the presentation carries no verifiableCredential', { path: 'verifiableCredential' });
  const creds = list.map((vc, i) => {
    const enveloped = isObject(vc) && typesOf(vc).includes('EnvelopedVerifiableCredential') && typeof vc['id'] === 'string' ? /^data:application\/[a-z+.-]*jwt[^,]*,(.+)$/.exec(vc['id'])?.[1] : undefined;
    const jwt = typeof vc === 'string' ? vc : enveloped;
    if (jwt !== undefined) {
      if (!isCompactJws(jwt)) throw new IngestError(IngestErrorCode.InvalidField, 'a presented credential string must be a compact VC-JWT', { path: at('verifiableCredential', i) });
      return credentialFromJws(jwt).credential;
    }
    return vc;
  });
  return creds.length === 1 ? creds[0] : creds;
}

function requireObject(v: unknown): Record<string, unknown> {
  if (!isObject(v)) throw new IngestError(IngestErrorCode.InvalidField, `expected one JSON object, got ${describe(v)}`, { path: '' });
  return v;
}

function credentialsResult(
  format: CredentialsResult['format'],
  credentials: CredentialsResult['credentials'],
  awards: CredentialsResult['awards'],
  pathways: CredentialsResult['pathways'],
  ctx: ReturnType<typeof newContext>,
): CredentialsResult {
  const seen = new Set<string>();
  const customSkills = ctx.customSkills.filter((s) => (seen.has(s.id) ? false : (seen.add(s.id), true)));
  return { format, credentials, awards, customSkills, skillAliases: [], pathways, warnings: ctx.warnings };
}
