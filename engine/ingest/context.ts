/** Shared per-document state while parsing: options, warnings and custom skills collected in order. */
import type { Skill } from '../../taxonomy/model/types.ts';
import type { IngestWarning } from './types.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import { at, isObject, optString, type JsonObject } from './values.ts';

export interface ParseContext {
  readonly now: string | null;
  readonly ctid: 'strict' | 'warn';
  readonly warnings: IngestWarning[];
  readonly customSkills: Skill[];
  /** The holder of the Verifiable Presentation being read (awards without a subject id go to them). */
  holder?: string | undefined;
}

export function newContext(opts: { now?: string | null; ctid?: 'strict' | 'warn' }): ParseContext {
  return { now: opts.now ?? null, ctid: opts.ctid ?? 'strict', warnings: [], customSkills: [] };
}

export function warn(ctx: ParseContext, code: string, path: string, message: string): void {
  ctx.warnings.push({ code, path, message });
}

/** An issuer / organisation given as an IRI string or a Profile object → {id, name}. */
export function issuerOf(v: unknown, path: string, required: boolean): { id: string; name: string } {
  if (typeof v === 'string' && v.trim() !== '') return { id: v.trim(), name: '' };
  if (isObject(v)) {
    const id = optString(v, 'id', path) ?? optString(v, '@id', path) ?? '';
    const name = nameOf(v, path);
    if (id || name) return { id: id || name, name };
  }
  if (!required) return { id: '', name: '' };
  throw new IngestError(v === undefined || v === null ? IngestErrorCode.MissingField : IngestErrorCode.InvalidField, 'issuer is required: an IRI or a Profile with id and name', { path });
}

function nameOf(o: JsonObject, path: string): string {
  const n = o['name'];
  if (typeof n === 'string') return n.trim();
  if (isObject(n)) {
    for (const k of ['en', 'en-US', 'en-us', 'en-GB']) if (typeof n[k] === 'string') return (n[k] as string).trim();
    const first = Object.values(n).find((x) => typeof x === 'string');
    if (typeof first === 'string') return first.trim();
  }
  if (n !== undefined && n !== null) throw new IngestError(IngestErrorCode.InvalidField, 'expected a string or language map', { path: at(path, 'name') });
  return '';
}
