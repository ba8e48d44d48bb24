/**
 * Per-request cost bounds on input (issue 17, docs/SECURITY.md "Limits"): real dates and bounded windows,
 * string limits inside JSON documents, and the complexity a text argument costs. The numbers live in
 * `limits.ts`.
 */
import { isCalendarDate } from '../engine/ingest/values.ts';
import { InvalidInputError } from '../app/errors.ts';
import { limits } from './limits.ts';

/** `YYYY-MM-DD` naming a real day (2025-02-30 is refused). */
export function isRealDate(v: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(v) && isCalendarDate(v);
}

/** A window [from, to) with from < to and at most `limits.maxWindowYears` long; InvalidInputError otherwise. */
export function checkWindowBounds(from: string, to: string): void {
  for (const [name, v] of [['from', from], ['to', to]] as const) {
    if (!isRealDate(v)) throw new InvalidInputError(`${name} is not a real date: ${JSON.stringify(v.slice(0, 40))} (expected YYYY-MM-DD)`, name);
  }
  if (from >= to) throw new InvalidInputError(`from (${from}) must be before to (${to})`, 'from');
  const maxTo = new Date(Date.parse(`${from}T00:00:00Z`));
  maxTo.setUTCFullYear(maxTo.getUTCFullYear() + limits.maxWindowYears);
  if (Date.parse(`${to}T00:00:00Z`) > maxTo.getTime()) throw new InvalidInputError(`the window ${from} to ${to} is longer than ${limits.maxWindowYears} years`, 'to');
}

/** Keys whose values are names, titles or ids: short strings. */
const SHORT_KEYS = new Set(['name', 'title', 'id', '@id', 'identifier', 'type', '@type', 'targetName', 'targetUrl', 'url', 'email', 'familyName', 'givenName', 'datePosted', 'validFrom', 'validUntil', 'issuanceDate', 'expirationDate', 'issuedOn', 'expires']);

/**
 * Where a JSON document breaks the per-field limits (a string over `maxStringChars`, a name/title/id over
 * `maxNameChars`, nesting over `maxDocumentDepth`, more than `maxDocumentNodes` values), as a message and
 * JSON path; null when within them. A plain-text document is one string of at most `maxTextDocumentChars`.
 */
export function documentLimitViolation(doc: unknown): { message: string; path: string } | null {
  if (typeof doc === 'string') {
    return doc.length > limits.maxTextDocumentChars ? { message: `the text document has ${doc.length} characters; the limit is ${limits.maxTextDocumentChars}`, path: 'document' } : null;
  }
  let nodes = 0;
  const walk = (v: unknown, path: string, key: string, depth: number): { message: string; path: string } | null => {
    if (++nodes > limits.maxDocumentNodes) return { message: `the document has more than ${limits.maxDocumentNodes} values`, path };
    if (depth > limits.maxDocumentDepth) return { message: `the document nests deeper than ${limits.maxDocumentDepth} levels`, path };
    if (typeof v === 'string') {
      const max = SHORT_KEYS.has(key) ? limits.maxNameChars : limits.maxStringChars;
      return v.length > max ? { message: `${key || 'value'} has ${v.length} characters; the limit is ${max}`, path } : null;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const bad = walk(v[i], `${path}[${i}]`, key, depth + 1);
        if (bad) return bad;
      }
      return null;
    }
    if (v !== null && typeof v === 'object') {
      for (const [k, x] of Object.entries(v)) {
        if (k.length > limits.maxNameChars) return { message: `a key has ${k.length} characters; the limit is ${limits.maxNameChars}`, path };
        const bad = walk(x, `${path}.${k}`, k, depth + 1);
        if (bad) return bad;
      }
    }
    return null;
  };
  return walk(doc, 'document', '', 0);
}

/** Complexity of a field taking free text: its base cost plus one unit per `charsPerUnit` characters. */
export function textComplexity(base: number, charsPerUnit: number) {
  return (args: { text?: unknown }): number => base + Math.ceil((typeof args.text === 'string' ? args.text.length : 0) / charsPerUnit);
}
