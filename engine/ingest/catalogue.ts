/**
 * Coursera-style catalogue rows → credentials with skill TAGS (text, linked later by the linker).
 * Two layouts (detected from the header):
 * - skills1139:       partner,course,skills,rating,reviewcount,level,certificatetype,duration,crediteligibility
 * - gainedSkills3404: Subject,Title,Institution,Learning Product,Level,Duration,Gained Skills,Rate,Reviews
 * Values are trimmed (the data pads them); rows whose type is `None`/empty or that have no title are skipped
 * as junk; level `Mixed`/`None` → ''; duration → hours (duration.ts); cost is null (no price in the data).
 * Tags are comma-separated, but some tags contain commas themselves ("Extract, Transform, Load"): known
 * multi-comma tags are re-joined before splitting is final.
 * The type ladder (Course → Specialization → Professional Certificate) is kept in `credentialType`; the rows
 * say nothing about which course belongs to which specialization, so `isPartOf` stays empty.
 */
import { parse } from 'csv-parse/sync';
import type { Credential } from '../../taxonomy/model/types.ts';
import { warn, type ParseContext } from './context.ts';
import { freeDurationToHours } from './duration.ts';
import { IngestError, IngestErrorCode } from './errors.ts';
import type { CatalogueLayout, CatalogueResult, CredentialEntry } from './types.ts';
import { describe, isObject } from './values.ts';

/** Tags that contain ", " themselves. Matched case-insensitively as consecutive comma-separated pieces. */
export const MULTI_COMMA_TAGS: readonly string[] = ['Extract, Transform, Load'];

const LAYOUTS: Record<CatalogueLayout, { title: string; issuer: string; type: string; level: string; duration: string; skills: string }> = {
  skills1139: { title: 'course', issuer: 'partner', type: 'certificatetype', level: 'level', duration: 'duration', skills: 'skills' },
  gainedSkills3404: { title: 'Title', issuer: 'Institution', type: 'Learning Product', level: 'Level', duration: 'Duration', skills: 'Gained Skills' },
};

export function catalogueLayoutOf(columns: readonly string[]): CatalogueLayout | null {
  const set = new Set(columns.map((c) => c.trim()));
  for (const [name, l] of Object.entries(LAYOUTS) as [CatalogueLayout, (typeof LAYOUTS)[CatalogueLayout]][]) {
    if ([l.title, l.issuer, l.type, l.skills].every((c) => set.has(c))) return name;
  }
  return null;
}

/** Parse catalogue CSV text into row objects (header row required). */
export function parseCatalogueCsv(text: string): Record<string, string>[] {
  try {
    return parse(text, { columns: true, skip_empty_lines: true, bom: true, relax_column_count: false }) as Record<string, string>[];
  } catch (e) {
    const err = e as { message?: string; lines?: number };
    throw new IngestError(IngestErrorCode.InvalidCsv, `not a valid CSV catalogue: ${err.message ?? String(e)}`, { path: '', line: err.lines }, { cause: e });
  }
}

export function parseCatalogueRows(rows: readonly unknown[], ctx: ParseContext, idPrefix = 'coursera:'): Omit<CatalogueResult, 'warnings'> {
  const first = rows[0];
  if (!isObject(first)) throw new IngestError(rows.length === 0 ? IngestErrorCode.EmptyDocument : IngestErrorCode.InvalidField, rows.length === 0 ? 'the catalogue has no rows' : `a catalogue row must be an object, got ${describe(first)}`, { path: '[0]' });
  const layout = catalogueLayoutOf(Object.keys(first));
  if (!layout) throw new IngestError(IngestErrorCode.UnknownFormat, `unknown catalogue columns: ${Object.keys(first).join(',')}`, { path: '[0]', line: 1 });
  const cols = LAYOUTS[layout];
  const credentials: CredentialEntry[] = [];
  const skipped: { row: number; reason: string }[] = [];
  const ids = new Set<string>();
  let duplicates = 0;
  rows.forEach((raw, i) => {
    const rowNo = i + 1;
    if (!isObject(raw)) throw new IngestError(IngestErrorCode.InvalidField, `a catalogue row must be an object, got ${describe(raw)}`, { path: `[${i}]`, line: rowNo + 1 });
    const get = (k: string): string => {
      const v = raw[k];
      return typeof v === 'string' ? v.replace(/\u00a0/g, ' ').trim() : typeof v === 'number' ? String(v) : '';
    };
    const title = get(cols.title);
    const type = get(cols.type);
    if (!title) return void skipped.push({ row: rowNo, reason: 'no title' });
    if (!type || type === 'None') return void skipped.push({ row: rowNo, reason: `no learning product type (${JSON.stringify(type || '')})` });
    const issuerName = get(cols.issuer);
    const credentialType = slug(type);
    const id = `${idPrefix}${credentialType}/${slug(issuerName)}/${slug(title)}`;
    if (ids.has(id)) {
      duplicates++;
      return;
    }
    ids.add(id);
    const durationText = get(cols.duration);
    const hours = freeDurationToHours(durationText);
    if (hours === null && durationText && durationText !== 'None') warn(ctx, 'UNPARSED_DURATION', `[${i}].${cols.duration}`, `duration ${JSON.stringify(durationText)} names no length; hours left unknown`);
    const credential: Credential = {
      id,
      format: 'catalogue',
      name: title,
      description: '',
      issuer: { id: `${idPrefix}${slug(issuerName)}`, name: issuerName },
      credentialType,
      level: levelOf(get(cols.level)),
      cost: null,
      hours,
      skills: [],
      requires: [],
      isPartOf: [],
    };
    credentials.push({ credential, skillTags: splitTags(get(cols.skills)), requiredSkillIds: [] });
  });
  if (credentials.length === 0) throw new IngestError(IngestErrorCode.EmptyDocument, `the catalogue has no usable rows (${skipped.length} junk rows skipped)`, { path: '' });
  return { format: 'catalogue', layout, credentials, skipped, duplicates };
}

function levelOf(v: string): string {
  const l = v.toLowerCase();
  return l === 'beginner' || l === 'intermediate' || l === 'advanced' ? l : '';
}

/** Split a comma-separated tag list, re-joining known tags that contain commas. Duplicates dropped, order kept. */
export function splitTags(s: string, known: readonly string[] = MULTI_COMMA_TAGS): string[] {
  const pieces = s.split(',').map((p) => p.trim()).filter(Boolean);
  const knownParts = known.map((k) => k.split(',').map((p) => p.trim().toLowerCase()));
  const out: string[] = [];
  for (let i = 0; i < pieces.length; ) {
    const match = knownParts.findIndex((parts) => parts.every((p, j) => pieces[i + j]?.toLowerCase() === p));
    if (match >= 0) {
      out.push(known[match]!);
      i += knownParts[match]!.length;
    } else {
      out.push(pieces[i]!);
      i++;
    }
  }
  return [...new Set(out)];
}

/** Stable id part: case-folded, accents dropped, any script kept (Cyrillic/Arabic titles differ), `C#`/`C++` distinct. */
function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/\+/g, ' plus ')
    .replace(/#/g, ' sharp ')
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
