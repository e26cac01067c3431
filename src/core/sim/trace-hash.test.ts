/* The trace hash: equal traces hash equal whatever the digest caches hold; any difference in keys, order, types, values or causes shows. */
import { describe, expect, it } from 'vitest';
import type { TraceFields } from './trace';
import { KindDigests, TraceHasher } from './trace-hash';

/** An event as the hasher sees it: any fields (not only a schema's), so that keys, order and types can vary. */
type Ev = [timeUs: number, node: string, fields: TraceFields, cause?: number];

function hashOf(events: readonly Ev[]): string {
  const hasher = new TraceHasher();
  const kind = new KindDigests('bytes_sent');
  for (const [timeUs, node, fields, cause = -1] of events)
    hasher.fold(timeUs, node, kind, cause, fields);
  return hasher.hex();
}

const base: Ev[] = [
  [0, 'n1', { conn: 1, to: 'n2', offset: 0, bytes: 56 }],
  [5, 'n2', { conn: 1, to: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40 }],
];

describe('trace hash', () => {
  it('is the same for the same events, whatever the memo holds (it is a pure cache)', () => {
    const long = (i: number) => `10.0.${i >> 8}.${i & 255}:4500/${i}`;
    const many: Ev[] = Array.from({ length: 20_000 }, (_, i) => [
      i,
      'n1',
      { peer: long(i % 9000), again: long((i * 7) % 9000) },
    ]);
    const first = hashOf(many); // fills the memo past its bound, so it is cleared on the way
    expect(hashOf(many)).toBe(first); // a different memo state this time
    const rebuilt: Ev[] = many.map(([t, n, f]) => [
      t,
      n,
      { peer: [...String(f.peer)].join(''), again: [...String(f.again)].join('') },
    ]);
    expect(hashOf(rebuilt)).toBe(first); // equal strings that are different objects
  });

  it('changes with a key, the order of fields, a type, a value, a time, a node or a cause', () => {
    const h = hashOf(base);
    const variants: Ev[][] = [
      [base[0]!, [5, 'n2', { conn: 1, from: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40 }]],
      [base[0]!, [5, 'n2', { to: '10.0.0.1:4500', conn: 1, offset: 56, bytes: 2 ** 40 }]],
      [base[0]!, [5, 'n2', { conn: '1', to: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40 }]],
      [base[0]!, [5, 'n2', { conn: true, to: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40 }]],
      [base[0]!, [5, 'n2', { conn: 1, to: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40 + 1 }]],
      [base[0]!, [5, 'n2', { conn: 1.5, to: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40 }]],
      [base[0]!, [5, 'n2', { conn: null, to: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40 }]],
      [base[0]!, [6, 'n2', base[1]![2]]],
      [base[0]!, [5, 'n3', base[1]![2]]],
      [base[0]!, [5, 'n2', base[1]![2], 0]],
      [base[0]!, [5, 'n2', { conn: 1, to: '10.0.0.1:4500', offset: 56, bytes: 2 ** 40, extra: 0 }]],
      [base[1]!, base[0]!],
    ];
    const hashes = variants.map(hashOf);
    for (const v of hashes) expect(v).not.toBe(h);
    expect(new Set(hashes).size).toBe(hashes.length);
  });
});
