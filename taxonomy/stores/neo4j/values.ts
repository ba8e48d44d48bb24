import { isInt } from 'neo4j-driver';

/** A Neo4j number (Integer or float) as a JS number; null/absent stays null. Integers beyond 2^53 throw. */
export function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (isInt(value)) {
    if (!value.inSafeRange()) throw new RangeError(`Neo4j integer ${value.toString()} is outside the safe JS range`);
    return value.toNumber();
  }
  if (typeof value === 'bigint') return Number(value);
  return value as number;
}

/** A Neo4j count (Integer) as a JS number. */
export function toCount(value: unknown): number {
  return toNumberOrNull(value) ?? 0;
}
