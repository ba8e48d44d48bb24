import { TaxonomyError, TaxonomyErrorCode } from '../model/errors.ts';
import type { CrosswalkEntry } from '../model/types.ts';
import { CSV, readCsv } from './csv.ts';

export interface CrosswalkLoadOptions {
  /** ESCO occupation ids loaded; an entry naming another is `mapped: false`. */
  readonly escoOccupationIds?: ReadonlySet<string>;
  /** O*NET-SOC codes loaded (e.g. `15-1252.00`); an entry naming another (a retired SOC-2010 code) is `mapped: false`. */
  readonly onetCodes?: ReadonlySet<string>;
  /** Progress: phase (the file name), bytes read, file size. */
  readonly onProgress?: (phase: string, done: number, total: number) => void;
}

const SOC_CODE = /^\d{2}-\d{4}\.\d{2}$/;

function invalid(option: string, value: unknown): TaxonomyError {
  let shown: string;
  try {
    shown = String(value);
  } catch {
    shown = Object.prototype.toString.call(value); // e.g. { toString: false } or a null-prototype object
  }
  return new TaxonomyError(TaxonomyErrorCode.InvalidValue, `invalid ${option}: ${shown}`, { field: option });
}

/**
 * Loads the Nesta ESCO ↔ O*NET crosswalk (`esco_onet_crosswalk_Nov2020.csv`: columns `onet_code`,
 * `confidence`, `concept_uri` used). Every row becomes an entry with the raw O*NET-SOC code and the
 * ESCO concept URI; `mapped` is false when either end is not among the loaded ids given in `opts`.
 * Errors: MISSING_FILE, MISSING_COLUMN, BROKEN_QUOTING, INVALID_VALUE (bad code, confidence or URI),
 * DUPLICATE_ID (the same pair twice), each with file, line and field.
 */
export async function loadCrosswalk(file: string, opts?: CrosswalkLoadOptions): Promise<CrosswalkEntry[]> {
  return (await loadCrosswalkRows(file, opts)).map(({ onetTitle: _title, ...entry }) => entry);
}

/** A crosswalk entry with the O*NET title the file gives (the SOC-2010 title for retired codes). */
export interface CrosswalkRow extends CrosswalkEntry {
  readonly onetTitle: string;
}

/** As `loadCrosswalk`, keeping each row's `onet_occupation` title (input of `resolveRetiredCodes`). */
export async function loadCrosswalkRows(file: string, opts?: CrosswalkLoadOptions): Promise<CrosswalkRow[]> {
  if (opts !== undefined && (opts === null || typeof opts !== 'object')) throw invalid('options', opts);
  const { escoOccupationIds, onetCodes, onProgress } = opts ?? {};
  if (escoOccupationIds !== undefined && !(escoOccupationIds instanceof Set)) throw invalid('escoOccupationIds', escoOccupationIds);
  if (onetCodes !== undefined && !(onetCodes instanceof Set)) throw invalid('onetCodes', onetCodes);
  if (onProgress !== undefined && typeof onProgress !== 'function') throw invalid('onProgress', onProgress);
  const phase = file.slice(Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\')) + 1);

  const entries: CrosswalkRow[] = [];
  const seen = new Map<string, number>();
  await readCsv(
    file,
    {
      format: CSV,
      required: ['onet_code', 'confidence', 'concept_uri'],
      optional: ['onet_occupation'],
      onProgress: onProgress ? (done, total) => onProgress(phase, done, total) : undefined,
    },
    (row) => {
      const onetCode = row.get('onet_code').trim();
      if (!SOC_CODE.test(onetCode)) throw row.error(TaxonomyErrorCode.InvalidValue, `"${onetCode}" is not an O*NET-SOC code (NN-NNNN.NN)`, 'onet_code');
      const escoOccupationId = row.get('concept_uri').trim();
      if (!/^https?:\/\/\S+$/.test(escoOccupationId)) throw row.error(TaxonomyErrorCode.InvalidValue, `"${escoOccupationId}" is not an ESCO concept URI`, 'concept_uri');
      const rawConfidence = row.get('confidence');
      const confidence = Number(rawConfidence);
      if (rawConfidence.trim() === '' || !Number.isFinite(confidence) || confidence < 0) throw row.error(TaxonomyErrorCode.InvalidValue, `confidence "${rawConfidence}" is not a number ≥ 0`, 'confidence');
      const key = `${escoOccupationId} ${onetCode}`;
      const first = seen.get(key);
      if (first !== undefined) throw row.error(TaxonomyErrorCode.DuplicateId, `duplicate mapping ${escoOccupationId} → ${onetCode} (first on line ${first})`, 'onet_code');
      seen.set(key, row.line);
      const mapped = (onetCodes === undefined || onetCodes.has(onetCode)) && (escoOccupationIds === undefined || escoOccupationIds.has(escoOccupationId));
      entries.push({ escoOccupationId, onetCode, confidence, mapped, onetTitle: row.get('onet_occupation').trim() });
    },
  );
  return entries;
}
