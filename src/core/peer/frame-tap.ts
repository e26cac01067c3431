/*
 * A per-run tap on the frames written to connections, for the packet
 * inspector: it keeps the bytes of the most recent frames by packet id
 * (`${conn}:${fromAddress}:${offset}`, the id the trace's packet events imply).
 * Frames are immutable once serialised, so nothing is copied. A run without a
 * tap pays one WeakMap lookup per frame. Knows nothing of drawing.
 */
import type { Sim } from '../sim';

export class FrameTap {
  private readonly frames = new Map<string, Uint8Array>();

  constructor(readonly capacity = 2048) {}

  record(packetId: string, frame: Uint8Array): void {
    this.frames.set(packetId, frame);
    if (this.frames.size > this.capacity)
      this.frames.delete(this.frames.keys().next().value as string);
  }

  get(packetId: string): Uint8Array | undefined {
    return this.frames.get(packetId);
  }
}

const taps = new WeakMap<Sim, FrameTap>();

export function attachFrameTap(sim: Sim, tap: FrameTap): void {
  taps.set(sim, tap);
}

export function frameTapOf(sim: Sim): FrameTap | undefined {
  return taps.get(sim);
}
