/*
 * The hash chain of the hash-chain scenario: block i's data is derived from i,
 * and the chain hash folds each block into the previous hash with CRC32C.
 * Both the client's reference model and the trace invariant recompute it from
 * scratch, so a lost, duplicated, reordered or corrupted append shows up as a
 * wrong index or a wrong hash.
 */
import { crc32c, utf8Encode } from '../../wire';

export const GENESIS_HASH = '00000000';

export function blockData(index: number): string {
  return `block-${index}-${((index * 2654435761) >>> 0).toString(36)}`;
}

export function foldHash(previous: string, data: string): string {
  return crc32c(utf8Encode(`${previous}|${data}`))
    .toString(16)
    .padStart(8, '0');
}

/** Hashes after each of the first `count` blocks; grows on demand. */
export class ReferenceChain {
  private readonly hashes: string[] = [];

  hashAfter(index: number): string {
    while (this.hashes.length <= index) {
      const i = this.hashes.length;
      this.hashes.push(
        foldHash(i === 0 ? GENESIS_HASH : (this.hashes[i - 1] as string), blockData(i)),
      );
    }
    return this.hashes[index] as string;
  }
}
