/*
 * Frames over one virtual connection: writes whole frames (tracing each as a
 * packet with its byte offset in the stream, so viewers can pair a send with
 * its delivery), feeds received chunks to a streaming FrameDecoder and hands
 * up whole frames, a wire error, or the end of the connection. It remembers
 * when the last whole frame arrived (the ping monitor needs it). A corrupted payload
 * is never handed up: the first wire error ends the connection. Knows nothing
 * of queues, backoff or routing.
 */
import { packetKey } from './packet-id';
import type { Sim } from '../sim';
import type { Connection } from '../net';
import {
  FrameDecoder,
  formatWireError,
  payloadCrc,
  type DecodedFrame,
  type WireError,
} from '../wire';
import { formatAddress } from '../net';
import { packetKindOf } from './packet-kind';
import { frameTapOf } from './frame-tap';

export interface FramedHandlers {
  onFrame(frame: DecodedFrame): void;
  /** The connection is gone (EOF, reset, or a wire error that tore it down). */
  onClosed(reason: string): void;
}

export class FramedConnection {
  private readonly decoder: FrameDecoder;
  private sentBytes = 0;
  private receivedBytes = 0;
  private lastFrameUs = -1;
  private closed = false;
  // Formatted once: every packet event carries them, and a fresh string per packet is garbage.
  private readonly localLabel: string;
  private readonly remoteLabel: string;

  constructor(
    private readonly sim: Sim,
    readonly conn: Connection,
    maxPayloadSize: number,
    private handlers: FramedHandlers,
  ) {
    this.decoder = new FrameDecoder({ maxPayloadSize });
    this.localLabel = formatAddress(conn.local);
    this.remoteLabel = formatAddress(conn.remote);
    conn.setHandlers({
      onData: (chunk) => this.receive(chunk),
      onEnd: () => this.close('end of stream', false),
      onReset: (reason) => this.close(`reset: ${reason}`, false),
    });
  }

  /** Hands the connection to a new owner (an acceptor passes it to the peer its hello names). */
  setHandlers(handlers: FramedHandlers): void {
    this.handlers = handlers;
  }

  get node(): string {
    return this.conn.host.name;
  }

  get bytesSent(): number {
    return this.sentBytes;
  }

  get bytesReceived(): number {
    return this.receivedBytes;
  }

  /** Virtual time a whole frame last arrived, or -1 if none yet (the ping monitor's evidence of life). */
  get lastFrameReceivedUs(): number {
    return this.lastFrameUs;
  }

  get isOpen(): boolean {
    return !this.closed;
  }

  /** Writes one whole frame; false if the connection can no longer be written. */
  write(frame: Uint8Array, label: string, messageId: number): boolean {
    if (this.closed || !this.conn.writable) return false;
    const from = this.localLabel;
    frameTapOf(this.sim)?.record(
      packetKey({ conn: this.conn.id, fromAddr: from, offset: this.sentBytes }),
      frame,
    );
    this.sim.emit(this.node, 'packet_sent', {
      conn: this.conn.id,
      fromAddr: from,
      toAddr: this.remoteLabel,
      offset: this.sentBytes,
      bytes: frame.length,
      packet: label,
      msg: messageId,
      crc: (frame[4]! | (frame[5]! << 8) | (frame[6]! << 16) | (frame[7]! << 24)) >>> 0, // the header's CRC32C
    });
    // Written after packet_sent is traced, so its bytes on the wire descend from the packet.
    this.conn.write(frame);
    this.sentBytes += frame.length;
    return true;
  }

  /** Tears the connection down at once (RST). */
  abort(reason: string): void {
    this.close(reason, true);
  }

  private receive(chunk: Uint8Array): void {
    if (this.closed) return;
    this.decoder.push(chunk);
    for (;;) {
      const offset = this.receivedBytes;
      const result = this.decoder.nextFrame();
      if ('kind' in result) {
        if (result.kind !== 'InsufficientData') this.fail(result, offset);
        return;
      }
      const size = frameSize(result);
      this.receivedBytes += size;
      const frame = this.sim.mutant === 'corrupt-after-checksum' ? flipFirstBit(result) : result;
      this.handUp(frame, offset, size);
      if (this.closed) return;
      if (this.sim.mutant === 'duplicate-frames') this.handUp(frame, offset, size);
      if (this.closed) return;
    }
  }

  /**
   * Gives one frame to the owner. The traced CRC is computed again over the
   * token and message handed up — not the one the decoder verified — so the
   * checker compares what the sender wrote with what the application gets.
   */
  private handUp(frame: DecodedFrame, offset: number, size: number): void {
    this.lastFrameUs = this.sim.now();
    this.sim.emit(this.node, 'packet_delivered', {
      conn: this.conn.id,
      fromAddr: this.remoteLabel,
      toAddr: this.localLabel,
      offset,
      bytes: size,
      packet: packetKindOf(frame.token),
      crc: payloadCrc(frame.token, frame.message),
    });
    this.handlers.onFrame(frame);
  }

  private fail(error: WireError, offset: number): void {
    const fields = {
      conn: this.conn.id,
      fromAddr: this.remoteLabel,
      offset,
      error: formatWireError(error),
    };
    if (error.kind === 'ChecksumMismatch') {
      this.sim.emit(this.node, 'checksum_failed', {
        ...fields,
        expected: error.expected,
        actual: error.actual,
      });
    } else {
      this.sim.emit(this.node, 'wire_error', { ...fields, wireError: error.kind });
    }
    this.close(`wire error: ${error.kind}`, true);
  }

  private close(reason: string, abort: boolean): void {
    if (this.closed) return;
    this.closed = true;
    if (abort) this.conn.abort();
    this.handlers.onClosed(reason);
  }
}

/** The corrupt-after-checksum mutant: a copy of the message with its first bit flipped, passed on as verified. */
function flipFirstBit(frame: DecodedFrame): DecodedFrame {
  if (frame.message.length === 0) return frame;
  const message = frame.message.slice();
  message[0] = (message[0] as number) ^ 1;
  return { token: frame.token, message, crc: frame.crc };
}

function frameSize(frame: DecodedFrame): number {
  return 8 + 16 + frame.message.length;
}
