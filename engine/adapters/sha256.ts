import { createHash } from 'node:crypto';

/** Hex sha256 of the UTF-8 bytes of `text`: the text-hash of the embedding cache. */
export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
