/**
 * A lenient JSON reader for hand-written JSON-LD samples: strips `//` and `/* *\/` comments outside
 * strings, drops trailing commas before `}`/`]`, accepts raw line breaks and tabs inside strings (examples
 * copied as published), and splits concatenated top-level values (`{…}\n\n{…}`).
 * Anything else must be strict JSON (a double comma, a missing colon or a truncated document stays an error);
 * a real syntax error throws INVALID_JSON with the 1-based line and column in the original text.
 */
import { IngestError, IngestErrorCode } from './errors.ts';

/** Parse `text` leniently: one top-level value → that value; several concatenated values → an array of them. */
export function parseJsonLenient(text: string): unknown {
  const values = parseJsonDocuments(text);
  return values.length === 1 ? values[0] : values;
}

/** Parse `text` leniently into its top-level values (at least one). */
export function parseJsonDocuments(text: string): unknown[] {
  const src = text.charCodeAt(0) === 0xfeff ? ` ${text.slice(1)}` : text;
  const clean = stripComments(src);
  const placeheld = /[\uE000-\uE002]/.test(clean) && !/[\uE000-\uE002]/.test(src);
  const values: unknown[] = [];
  let i = 0;
  const n = clean.length;
  while (i < n) {
    i = skipSpace(clean, i);
    if (i >= n) break;
    const end = valueEnd(clean, i, src);
    const slice = clean.slice(i, end);
    try {
      const parsed: unknown = JSON.parse(slice);
      values.push(placeheld ? restoreControls(parsed) : parsed);
    } catch (e) {
      const pos = i + errorPosition(e, slice);
      throw syntaxError(src, pos, e instanceof Error ? e.message.replace(/\s*in JSON at position \d+.*$/s, '') : String(e), e);
    }
    i = end;
  }
  if (values.length === 0) throw new IngestError(IngestErrorCode.InvalidJson, 'the document is empty: expected a JSON object or array', { path: '', line: 1, column: 1 });
  return values;
}

/** Raw line break / carriage return / tab inside a string → a private-use placeholder, restored after parsing. */
const PLACEHOLDER: Readonly<Record<string, string>> = { '\n': '\uE000', '\r': '\uE001', '\t': '\uE002' };
const RESTORE: Readonly<Record<string, string>> = { '\uE000': '\n', '\uE001': '\r', '\uE002': '\t' };

function restoreControls(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(/[\uE000-\uE002]/g, (ch) => RESTORE[ch] ?? ch);
  if (Array.isArray(value)) return value.map(restoreControls);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[restoreControls(k) as string] = restoreControls(v);
    return out;
  }
  return value;
}

/** Replace comments and trailing commas outside strings by spaces (newlines kept), so positions and line numbers stay the same. */
function stripComments(text: string): string {
  const parts: string[] = [];
  let last = 0;
  let i = 0;
  const n = text.length;
  const replace = (from: number, to: number, by: string): void => {
    parts.push(text.slice(last, from), by);
    last = to;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      const end = stringEnd(text, i);
      const segment = text.slice(i, end);
      // Raw control characters are not JSON; one placeholder each keeps every position (and error column) the same.
      if (/[\n\r\t]/.test(segment)) replace(i, end, segment.replace(/[\n\r\t]/g, (ch) => PLACEHOLDER[ch] ?? ch));
      i = end;
    } else if (c === 0x2f /* / */ && text[i + 1] === '/') {
      let j = i;
      while (j < n && text[j] !== '\n' && text[j] !== '\r') j++;
      replace(i, j, ' '.repeat(j - i));
      i = j;
    } else if (c === 0x2f && text[i + 1] === '*') {
      const close = text.indexOf('*/', i + 2);
      if (close < 0) throw syntaxError(text, i, 'unterminated /* comment');
      replace(i, close + 2, text.slice(i, close + 2).replace(/[^\n\r]/g, ' '));
      i = close + 2;
    } else if (c === 0x2c /* , */ && isTrailingComma(text, i + 1)) {
      replace(i, i + 1, ' ');
      i++;
    } else {
      i++;
    }
  }
  parts.push(text.slice(last));
  return parts.join('');
}

/** Whether only whitespace and comments separate position `from` from a closing `}` or `]`. */
function isTrailingComma(text: string, from: number): boolean {
  let j = from;
  while (j < text.length) {
    const c = text[j]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') j++;
    else if (c === '/' && text[j + 1] === '/') {
      while (j < text.length && text[j] !== '\n') j++;
    } else if (c === '/' && text[j + 1] === '*') {
      const close = text.indexOf('*/', j + 2);
      if (close < 0) return false;
      j = close + 2;
    } else return c === '}' || c === ']';
  }
  return false;
}

/** Index just past the closing quote of the string starting at `start` (or the text end if unterminated). */
function stringEnd(text: string, start: number): number {
  let i = start + 1;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return text.length;
}

function skipSpace(text: string, i: number): number {
  while (i < text.length && /[\s,]/.test(text[i]!)) i++;
  return i;
}

/** End index of the top-level value starting at `start`: balanced brackets for objects/arrays, the token otherwise. */
function valueEnd(text: string, start: number, original: string): number {
  const first = text[start]!;
  if (first === '"') return stringEnd(text, start);
  if (first !== '{' && first !== '[') {
    let j = start;
    while (j < text.length && !/[\s,{}[\]]/.test(text[j]!)) j++;
    return Math.max(j, start + 1);
  }
  const stack: string[] = [];
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      i = stringEnd(text, i);
      continue;
    }
    if (c === '{' || c === '[') stack.push(c === '{' ? '}' : ']');
    else if (c === '}' || c === ']') {
      const want = stack.pop();
      if (want !== c) throw syntaxError(original, i, `unexpected '${c}'${want ? `, expected '${want}'` : ''}`);
      if (stack.length === 0) return i + 1;
    }
    i++;
  }
  throw syntaxError(original, text.length, `unexpected end of input: ${stack.length} unclosed bracket(s), the document is truncated`);
}

function errorPosition(e: unknown, slice: string): number {
  const m = e instanceof Error ? /position (\d+)/.exec(e.message) : null;
  if (m) return Number(m[1]);
  const lc = e instanceof Error ? /line (\d+) column (\d+)/.exec(e.message) : null;
  if (lc) {
    const lines = slice.split('\n');
    let pos = 0;
    for (let k = 0; k < Number(lc[1]) - 1 && k < lines.length; k++) pos += lines[k]!.length + 1;
    return pos + Number(lc[2]) - 1;
  }
  return 0;
}

function syntaxError(text: string, pos: number, why: string, cause?: unknown): IngestError {
  let line = 1;
  let lineStart = 0;
  for (let k = 0; k < pos && k < text.length; k++) {
    if (text[k] === '\n') {
      line++;
      lineStart = k + 1;
    }
  }
  return new IngestError(IngestErrorCode.InvalidJson, `not valid JSON even with comments stripped: ${why}`, { path: '', line, column: pos - lineStart + 1 }, cause === undefined ? undefined : { cause });
}
