/*
 * Streaming frame decoder: accepts a byte stream in arbitrary chunks and yields
 * whole frames. It keeps the pushed chunks in a list (no concatenation), so
 * feeding many small chunks costs O(total bytes), and a frame that lies inside
 * one chunk is returned without copying. An impossible length is reported as
 * soon as the 8-byte header is readable. After any error other than
 * InsufficientData the decoder is poisoned: the connection gets torn down, no
 * resync is attempted. Knows nothing about connections or message meaning.
 */
import { allocBytes } from '../sim';
import {
  DEFAULT_MAX_PAYLOAD_SIZE,
  HEADER_SIZE,
  checkLengthField,
  checkMaxPayloadSize,
  readU32LE,
} from './frame-header';
import { decodeCheckedFrame } from './frame';
import type { DecodedFrame } from './frame';
import { INSUFFICIENT_DATA, isWireError } from './wire-error';
import type { WireError } from './wire-error';

export type FrameDecoderOptions = { readonly maxPayloadSize?: number /* bytes */ };

/** Consumed chunks are dropped from the list once this many have piled up. */
const COMPACT_AFTER_CHUNKS = 64;
const EMPTY = new Uint8Array(0);

export class FrameDecoder {
  private readonly maxPayloadSize: number;
  private chunks: Uint8Array[] = [];
  private head = 0; // index of the first unconsumed chunk
  private headOffsetBytes = 0; // bytes already consumed from chunks[head]
  private bufferedBytes = 0;
  private pendingLengthBytes: number | null = null; // validated length of the frame at the front
  private failure: WireError | null = null;

  constructor(options: FrameDecoderOptions = {}) {
    this.maxPayloadSize = checkMaxPayloadSize(options.maxPayloadSize ?? DEFAULT_MAX_PAYLOAD_SIZE);
  }

  /** Bytes received but not yet returned as frames. */
  get buffered(): number {
    return this.bufferedBytes;
  }

  /** The error that poisoned this decoder, if any. */
  get error(): WireError | null {
    return this.failure;
  }

  /**
   * The decoder keeps a reference to `chunk` and never writes to it; returned
   * messages may be views into it, so don't reuse the chunk's memory while
   * those messages are live. Ignored once poisoned.
   */
  push(chunk: Uint8Array): void {
    if (this.failure !== null || chunk.length === 0) return;
    this.chunks.push(chunk);
    this.bufferedBytes += chunk.length;
  }

  /** The next whole frame, InsufficientData if more bytes are needed, or the (sticky) error. */
  nextFrame(): DecodedFrame | WireError {
    if (this.failure !== null) return this.failure;
    const lengthBytes = this.pendingLengthBytes ?? this.readLengthField();
    if (typeof lengthBytes !== 'number') return this.poisonUnlessInsufficient(lengthBytes);
    this.pendingLengthBytes = lengthBytes;
    if (this.bufferedBytes < lengthBytes) return INSUFFICIENT_DATA;
    this.pendingLengthBytes = null;
    return this.poisonUnlessInsufficient(decodeCheckedFrame(this.take(lengthBytes)));
  }

  private poisonUnlessInsufficient<T extends object>(result: T | WireError): T | WireError {
    if (isWireError(result) && result.kind !== 'InsufficientData') {
      this.failure = result;
      this.chunks = []; // free the buffered bytes: nothing more will be read
      this.bufferedBytes = 0;
    }
    return result;
  }

  private readLengthField(): number | WireError {
    if (this.bufferedBytes < HEADER_SIZE) return INSUFFICIENT_DATA;
    const lengthBytes = this.peekU32LE();
    return checkLengthField(lengthBytes, this.maxPayloadSize) ?? lengthBytes;
  }

  /** The u32 length field at the front (4 bytes are buffered), read across chunks without a copy. */
  private peekU32LE(): number {
    const first = this.chunks[this.head] as Uint8Array;
    const start = this.headOffsetBytes;
    if (first.length - start >= 4) return readU32LE(first, start);
    const header = this.peek(4);
    return readU32LE(header, 0);
  }

  /** The first `count` buffered bytes, unconsumed: a view if they lie in one chunk, else a copy. */
  private peek(count: number): Uint8Array {
    const first = this.chunks[this.head] as Uint8Array;
    const start = this.headOffsetBytes;
    if (start === 0 && count === first.length) return first; // a chunk that is exactly one frame: no new view
    if (first.length - start >= count) return first.subarray(start, start + count);
    const out = allocBytes(count);
    let filled = 0;
    for (let i = this.head; filled < count; i++) {
      const chunk = this.chunks[i] as Uint8Array;
      const from = i === this.head ? start : 0;
      const n = Math.min(count - filled, chunk.length - from);
      out.set(chunk.subarray(from, from + n), filled);
      filled += n;
    }
    return out;
  }

  /** Removes and returns the first `count` buffered bytes (caller checked they are there). */
  private take(count: number): Uint8Array {
    const bytes = this.peek(count);
    this.bufferedBytes -= count;
    let remaining = count;
    while (remaining > 0) {
      const available = (this.chunks[this.head] as Uint8Array).length - this.headOffsetBytes;
      const n = Math.min(remaining, available);
      remaining -= n;
      this.headOffsetBytes += n;
      if (n === available) this.dropHeadChunk();
    }
    return bytes;
  }

  private dropHeadChunk(): void {
    this.chunks[this.head] = EMPTY; // let the consumed chunk be collected before compaction
    this.head += 1;
    this.headOffsetBytes = 0;
    if (this.head === this.chunks.length) {
      this.chunks = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER_CHUNKS && this.head * 2 >= this.chunks.length) {
      // Copies at most `head` live entries, paid for by the `head` consumed ones: amortized O(1).
      this.chunks = this.chunks.slice(this.head);
      this.head = 0;
    }
  }
}
