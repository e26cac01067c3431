/*
 * Frames sent in one direction of one connection and not yet delivered, in
 * send order, for the transport checker. Delivery normally follows send
 * order, so the frame looked for is at the head: taking it is O(1) and
 * allocates nothing (three parallel number arrays, compacted as the head
 * advances). A frame taken out of order (a violation being reported) is found
 * by a scan. Knows nothing of traces or assertions.
 */

const COMPACT_AFTER = 64;

export class SentFrames {
  private offsets: number[] = [];
  private sizes: number[] = [];
  private crcs: number[] = [];
  private head = 0;
  /** Size and CRC of the frame the last successful `take` removed. */
  takenBytes = 0;
  takenCrc = 0;

  add(offset: number, bytes: number, crc: number): void {
    this.offsets.push(offset);
    this.sizes.push(bytes);
    this.crcs.push(crc);
  }

  /** Removes the frame sent at stream offset `offset` (its size and CRC land in takenBytes/takenCrc); false if there is none. */
  take(offset: number): boolean {
    const at =
      this.offsets[this.head] === offset ? this.head : this.offsets.indexOf(offset, this.head);
    if (at < 0) return false;
    this.takenBytes = this.sizes[at] as number;
    this.takenCrc = this.crcs[at] as number;
    if (at === this.head) this.advance();
    else for (const list of [this.offsets, this.sizes, this.crcs]) list.splice(at, 1);
    return true;
  }

  private advance(): void {
    this.head++;
    if (this.head < COMPACT_AFTER || this.head * 2 < this.offsets.length) return;
    // Copies at most `head` live entries, paid for by the `head` taken ones: amortised O(1).
    this.offsets = this.offsets.slice(this.head);
    this.sizes = this.sizes.slice(this.head);
    this.crcs = this.crcs.slice(this.head);
    this.head = 0;
  }
}
