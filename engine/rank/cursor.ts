import { rankError } from './errors.ts';

/** A position in a ranking: results strictly after (score desc, id asc). */
export interface CursorPosition {
  readonly score: number;
  readonly id: string;
}

/** Opaque, stable cursor: base64url of JSON [score, id]. */
export function encodeCursor(pos: CursorPosition): string {
  return Buffer.from(JSON.stringify([pos.score, pos.id]), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const v: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(v) && v.length === 2 && typeof v[0] === 'number' && Number.isFinite(v[0]) && typeof v[1] === 'string') {
      return { score: v[0], id: v[1] };
    }
  } catch {
    // fall through to the one error below
  }
  throw rankError('INVALID_CURSOR', { cursor });
}

/** True when (score, id) sorts strictly after the cursor position. */
export function isAfter(score: number, id: string, pos: CursorPosition): boolean {
  return score < pos.score || (score === pos.score && id > pos.id);
}
