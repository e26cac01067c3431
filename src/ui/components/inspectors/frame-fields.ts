/*
 * The wire layout as the packet inspector annotates it (docs/wire.md):
 * [length u32 LE][CRC32C u32 LE][token 16 bytes][message]. Also names
 * well-known tokens and explains flipped bit indexes. No drawing.
 */

export type FrameField = 'length' | 'crc' | 'token' | 'message';

export const FRAME_FIELDS: readonly { field: FrameField; label: string; range: string }[] = [
  { field: 'length', label: 'length', range: '0–3' },
  { field: 'crc', label: 'CRC32C', range: '4–7' },
  { field: 'token', label: 'token', range: '8–23' },
  { field: 'message', label: 'message', range: '24+' },
];

export function fieldOf(offset: number): FrameField {
  if (offset < 4) return 'length';
  if (offset < 8) return 'crc';
  if (offset < 24) return 'token';
  return 'message';
}

export const FIELD_LABEL: Record<FrameField, string> = {
  length: 'length',
  crc: 'CRC32C',
  token: 'token',
  message: 'message',
};

const WELL_KNOWN_FIRST = 'ffffffffffffffff';
const WELL_KNOWN_NAMES = ['EndpointNotFound', 'Ping', 'Hello'];

/** "Ping (well-known #1)" for well-known tokens, null for an ordinary endpoint UID. */
export function wellKnownName(token: string): string | null {
  const [first, second] = token.split(':');
  if (first !== WELL_KNOWN_FIRST || second === undefined) return null;
  const index = Number.parseInt(second, 16);
  if (!Number.isFinite(index)) return null;
  const name = WELL_KNOWN_NAMES[index];
  return name ? `${name} (well-known #${index})` : `service (well-known #${index})`;
}

export interface FlipInfo {
  readonly bit: number;
  readonly byte: number;
  readonly bitInByte: number;
  readonly field: FrameField;
  readonly sent: number;
  readonly received: number;
}

export function describeFlips(
  bits: readonly number[],
  sent: Uint8Array,
  received: Uint8Array,
): FlipInfo[] {
  return bits.map((bit) => {
    const byte = bit >> 3;
    return {
      bit,
      byte,
      bitInByte: bit & 7,
      field: fieldOf(byte),
      sent: sent[byte] ?? 0,
      received: received[byte] ?? 0,
    };
  });
}

/** The message as indented JSON when it parses, else null (the caller shows the raw text). */
export function prettyJson(text: string): string | null {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return null;
  }
}
