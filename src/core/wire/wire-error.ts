/*
 * The typed errors of the wire layer, returned as values (never thrown) so the
 * peer can trace and tear down a connection without try/catch. Plain objects
 * with a `kind`: decoded frames have no `kind`, so `isWireError` is exact.
 * Knows nothing about connections or what the peer does with an error.
 */

export type WireError =
  /** More bytes are needed; the only error that does not poison a decoder. */
  | { readonly kind: 'InsufficientData' }
  /** `expected` is the CRC32C from the header, `actual` the one computed over the payload. */
  | { readonly kind: 'ChecksumMismatch'; readonly expected: number; readonly actual: number }
  /** `length` is the header's length field (total frame bytes). */
  | { readonly kind: 'InvalidLength'; readonly length: number }
  /** `size` and `max` are payload bytes (token + message), excluding the 8-byte header. */
  | { readonly kind: 'PacketTooLarge'; readonly size: number; readonly max: number };

export const INSUFFICIENT_DATA: WireError = Object.freeze({ kind: 'InsufficientData' });

export function isWireError<T extends object>(value: T | WireError): value is WireError {
  return 'kind' in value;
}

/** One line for the console, the trace and the packet inspector. */
export function formatWireError(error: WireError): string {
  switch (error.kind) {
    case 'InsufficientData':
      return 'insufficient data: the frame is not complete yet';
    case 'ChecksumMismatch':
      return `checksum mismatch: header says ${hex32(error.expected)}, payload hashes to ${hex32(error.actual)}`;
    case 'InvalidLength':
      return `invalid frame length: the length field says ${error.length} bytes`;
    case 'PacketTooLarge':
      return `packet too large: payload of ${error.size} bytes exceeds the limit of ${error.max} bytes`;
  }
}

function hex32(value: number): string {
  return '0x' + value.toString(16).toUpperCase().padStart(8, '0');
}
