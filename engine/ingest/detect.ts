/** Which supported format a parsed JSON value (or raw text) is. Pure and cheap: a bounded look at keys and types. */
import { catalogueLayoutOf } from './catalogue.ts';
import { isClrCredential } from './clr.ts';
import { isCtdlTerm } from './ctdl-node.ts';
import { findJobPostings } from './jobposting.ts';
import { isCompactJws } from './jwt.ts';
import { ob2Kind } from './ob2.ts';
import { isOb3Achievement, isOb3Credential } from './ob3.ts';
import type { IngestFormat } from './types.ts';
import { asArray, isObject, typesOf } from './values.ts';

/**
 * Detect the format of a parsed document: 'clr' | 'ob3' | 'ob2' | 'jobposting' | 'ctdl' | 'catalogue'
 * (an array of catalogue row objects); for a string, 'catalogue' when its first line is a known catalogue
 * header, 'ob3' for a compact JWS (VC-JWT), else 'text'. Returns null when the value is none of them.
 */
export function detectFormat(value: unknown): IngestFormat | null {
  if (typeof value === 'string') {
    if (isCompactJws(value)) return 'ob3';
    const firstLine = value.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    return catalogueLayoutOf(firstLine.split(',')) ? 'catalogue' : value.trim() === '' ? null : 'text';
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return null;
    if (value.every((v) => isObject(v)) && isObject(value[0]) && catalogueLayoutOf(Object.keys(value[0]))) return 'catalogue';
    if (value.every((v) => (isOb3Credential(v) && !isVcWithCtdl(v)) || isOb3Achievement(v))) return 'ob3';
    if (findJobPostings(value).length > 0) return 'jobposting';
    return value.some(looksLikeCtdl) ? 'ctdl' : null;
  }
  if (!isObject(value)) return null;
  if (isClrCredential(value)) return 'clr';
  if (isVcWithCtdl(value)) return 'ctdl';
  if (isOb3Credential(value) || isOb3Achievement(value)) return 'ob3';
  if (ob2Kind(value)) return 'ob2';
  if (findJobPostings(value).length > 0) return 'jobposting';
  return looksLikeCtdl(value) ? 'ctdl' : null;
}

/** A VC (CTDLinLERs) whose achievement is a CTDL node (`ceterms:BachelorDegree`, `ceasn:Competency`). */
function isVcWithCtdl(v: unknown): boolean {
  if (!isObject(v) || !typesOf(v).includes('VerifiableCredential')) return false;
  const subject = asArray(v['credentialSubject'])[0];
  if (!isObject(subject)) return false;
  return asArray(subject['achievement']).some((a) => isObject(a) && typesOf(a).some(isCtdlTerm));
}

/** Registry envelope, CTDL context, or a CTDL-prefixed key / type within a few levels (never inside @context). */
function looksLikeCtdl(v: unknown): boolean {
  if (!isObject(v)) return false;
  if ('decoded_resource' in v || 'envelope_ctdl_type' in v) return true;
  if (/credreg\.net\/ctdl|purl\.org\/ctdl/.test(JSON.stringify(v['@context'] ?? ''))) return true;
  let budget = 5000;
  const scan = (x: unknown, depth: number): boolean => {
    if (depth > 4 || budget-- <= 0) return false;
    if (Array.isArray(x)) return x.some((y) => scan(y, depth + 1));
    if (!isObject(x)) return false;
    for (const [k, val] of Object.entries(x)) {
      if (k === '@context') continue;
      if (isCtdlTerm(k)) return true;
      if ((k === '@type' || k === 'type') && asArray(val).some((t) => typeof t === 'string' && isCtdlTerm(t))) return true;
      if (typeof val === 'object' && val !== null && scan(val, depth + 1)) return true;
    }
    return false;
  };
  return scan(v, 0);
}
