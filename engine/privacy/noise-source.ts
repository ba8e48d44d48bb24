/**
 * The keyed, deterministic randomness of the privacy mechanisms (a port: the engine never holds the
 * secret). `Prf` is a pseudo-random function keyed by a server secret — HMAC-SHA256 in the composition
 * root — so a label (the canonical query, the cell, the field) always draws the same noise: repeating
 * a query returns the same answer and averaging repeats learns nothing.
 */
export type Prf = (message: string) => Uint8Array;

const TWO_53 = 2 ** 53;

/**
 * Uniform numbers in (0, 1) drawn from `prf(label#block)`: 53 bits each, four per 32-byte block.
 * Never returns 0 or 1 (the samplers take logarithms).
 */
export function uniformStream(prf: Prf, label: string): () => number {
  let block = 0;
  let bytes: Uint8Array = new Uint8Array(0);
  let at = 0;
  return () => {
    if (at + 8 > bytes.length) {
      bytes = prf(`${label}#${block++}`);
      at = 0;
      if (bytes.length < 8) throw new Error(`invalid prf: returned ${bytes.length} bytes (at least 8 needed)`);
    }
    const view = new DataView(bytes.buffer, bytes.byteOffset + at, 8);
    const hi = view.getUint32(0) >>> 11; // 21 bits
    const lo = view.getUint32(4); // 32 bits
    at += 8;
    return (hi * 2 ** 32 + lo + 0.5) / TWO_53;
  };
}
