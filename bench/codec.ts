/*
 * Throughput of the wire codec: serializeFrame + FrameDecoder (CRC32C computed
 * on both sides) for 1 KiB and 64 KiB messages, against raw `crc-32/crc32c`
 * over the same 64 KiB buffer once, in the same run. Reported in MB/s (10^6
 * bytes) of message bytes. Bench code lives outside core, so wall time is fine
 * here; it must not be imported by core.
 */
import CRC32C from 'crc-32/crc32c';
import { FrameDecoder, isWireError, serializeFrame } from '../src/core/wire/index';
import type { Token } from '../src/core/wire/index';

const WARMUP_MS = 150;
const MEASURE_MS = 600;
const TOKEN: Token = { first: 0x0123456789abcdefn, second: 42n };

export function benchCodec(): {
  frameMBps1KiB: number;
  frameMBps64KiB: number;
  crc32cMBps: number;
} {
  const message1KiB = filledMessage(1024);
  const message64KiB = filledMessage(64 * 1024);
  return {
    frameMBps1KiB: measureMBps(message1KiB.length, frameRoundTrip(message1KiB)),
    frameMBps64KiB: measureMBps(message64KiB.length, frameRoundTrip(message64KiB)),
    crc32cMBps: measureMBps(message64KiB.length, rawCrc(message64KiB)),
  };
}

/** One iteration = serialize one frame and decode it through the streaming decoder. */
function frameRoundTrip(message: Uint8Array): () => number {
  const decoder = new FrameDecoder();
  return () => {
    const frame = serializeFrame(TOKEN, message);
    if (isWireError(frame)) throw new Error(frame.kind);
    decoder.push(frame);
    const decoded = decoder.nextFrame();
    if (isWireError(decoded)) throw new Error(decoded.kind);
    return decoded.message.length;
  };
}

function rawCrc(message: Uint8Array): () => number {
  return () => CRC32C.buf(message, 0);
}

/** Runs `iteration` for WARMUP_MS, then MEASURE_MS, and returns MB/s of `bytesPerIteration`. */
function measureMBps(bytesPerIteration: number, iteration: () => number): number {
  let sink = 0; // consumed below so the JIT cannot drop the work
  for (const start = performance.now(); performance.now() - start < WARMUP_MS;) sink ^= iteration();
  let iterations = 0;
  const start = performance.now();
  let elapsedMs = 0;
  while (elapsedMs < MEASURE_MS) {
    for (let i = 0; i < 16; i++) sink ^= iteration();
    iterations += 16;
    elapsedMs = performance.now() - start;
  }
  if (sink === 0.5) console.log('unreachable');
  return Math.round((bytesPerIteration * iterations) / (elapsedMs * 1000));
}

/** Deterministic, non-constant bytes (an LCG), so nothing can special-case zeros. */
function filledMessage(sizeBytes: number): Uint8Array {
  const bytes = new Uint8Array(sizeBytes);
  let state = 12345;
  for (let i = 0; i < sizeBytes; i++) {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    bytes[i] = state >>> 24;
  }
  return bytes;
}
