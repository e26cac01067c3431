import { formatMoment } from '../core/sim';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Trace,
  TRACE_KINDS,
  type TraceEvent,
  type TraceFieldsOf,
  type TraceKind,
  type TraceValue,
} from '../core/sim';
import {
  abbreviateTokens,
  categoryOf,
  formatFilter,
  formatTraceEvent,
  matchesFilter,
  parseFilterTerms,
  stripControl,
  type TraceFilter,
} from './trace-format';

/** A well-formed event of `kind`, as a run's trace records it. */
const ev = <K extends TraceKind>(
  timeUs: number,
  node: string,
  kind: K,
  fields: TraceFieldsOf<K>,
): TraceEvent => {
  const trace = new Trace(1);
  trace.emit(timeUs, node, kind, fields, -1);
  return trace.since(0).events[0] as TraceEvent;
};

/**
 * A malformed event (fields missing or foreign, an unknown kind), as one from
 * elsewhere could be: the cast is the point, the formatter must cope.
 */
const rawEvent = (
  timeUs: number,
  node: string,
  kind: string,
  fields: Record<string, TraceValue> = {},
): TraceEvent => ({ seq: 0, timeUs, node, kind, cause: -1, ...fields }) as unknown as TraceEvent;

const hasControl = (text: string) =>
  [...text].some(
    (c) => c.charCodeAt(0) < 0x20 || (c.charCodeAt(0) >= 0x7f && c.charCodeAt(0) <= 0x9f),
  );

const filter = (words: string): TraceFilter => {
  const f = parseFilterTerms(words.split(' '));
  if ('error' in f) throw new Error(f.error);
  return f;
};

describe('formatTraceEvent', () => {
  it('formats the moment (formatMoment: s, then ms and µs in groups), node and kind in columns', () => {
    expect(formatMoment(0)).toBe('0.000\u2009000 s');
    expect(formatMoment(5370)).toBe('0.005\u2009370 s');
    expect(formatMoment(12_345_678)).toBe('12.345\u2009678 s');
    const line = formatTraceEvent(
      ev(807_777, 'n2', 'rpc_failed', { rpc: 'n2#2', error: 'Timeout', latencyUs: 700_000 }),
    );
    expect(line).toEqual({
      text: '  0.807\u2009777 s  n2    rpc_failed            n2#2 Timeout after 700.000ms',
      category: 'rpc',
      failure: true,
    });
  });

  it('formats representative events', () => {
    const cases: [TraceEvent, string, string][] = [
      [
        ev(0, '', 'run_started', { scenario: 'ping-pong', seed: '42', chaos: 'storm' }),
        'ping-pong seed 42 chaos storm',
        'other',
      ],
      [
        ev(5370, 'n2', 'packet_sent', {
          conn: 1,
          fromAddr: '10.0.0.2:49152',
          toAddr: '10.0.0.1:4500',
          offset: 0,
          bytes: 65,
          packet: 'hello',
          msg: -1,
          crc: 0x1234,
        }),
        'hello 65 B 10.0.0.2:49152 → 10.0.0.1:4500 conn 1',
        'packet',
      ],
      [
        ev(0, 'n2', 'peer_state_changed', {
          peerAddr: '10.0.0.1:4500',
          fromState: 'disconnected',
          toState: 'connecting',
          reason: 'message queued',
          conn: -1,
        }),
        '10.0.0.1:4500 disconnected → connecting (message queued)',
        'peer',
      ],
      [
        ev(1, '', 'partition_created', {
          fault: 1,
          a: 'n1',
          b: 'n2',
          mode: 'both',
          durationUs: null,
          origin: 'explicit',
        }),
        'n1 ✕ n2 (explicit)',
        'fault',
      ],
      [
        ev(1, 'n1', 'partition_created', {
          fault: 1,
          a: 'n1',
          b: '',
          mode: 'isolate',
          durationUs: 2_000_000,
          origin: 'chaos',
        }),
        'n1 isolated for 2.000s (chaos)',
        'fault',
      ],
      [
        ev(1, '', 'clog_started', {
          fault: 3,
          a: 'n1',
          b: 'n2',
          durationUs: 47_661,
          origin: 'chaos',
        }),
        'n1 ⇢ n2 clogged for 47.661ms (chaos)',
        'fault',
      ],
      [
        ev(1, 'n2', 'node_killed', {
          incarnation: 1,
          origin: 'explicit',
          connections: 1,
          listeners: 1,
        }),
        'killed (incarnation 1, 1 conns, 1 listeners) (explicit)',
        'fault',
      ],
      [
        ev(1, '', 'intervention_applied', { action: 'partition n1 n2 --oneway' }),
        'partition n1 n2 --oneway',
        'fault',
      ],
      [
        ev(1, 'n2', 'rpc_sent', {
          rpc: 'n2#1',
          toEndpoint: '10.0.0.1:4500/ffffffffffffffff:0000000000000003',
          reliable: true,
          deadlineUs: 700_000,
          replyTo: 3,
          digest: 4,
        }),
        'n2#1 → 10.0.0.1:4500/…ffff:…0003 reliable, deadline 700.000ms',
        'rpc',
      ],
      [
        ev(1, 'n2', 'backoff_scheduled', {
          peerAddr: '10.0.0.1:4500',
          attempt: 1,
          delayUs: 91_206,
          minUs: 80_000,
          maxUs: 120_000,
          capUs: 30_000_000,
        }),
        '10.0.0.1:4500 attempt 1, retry in 91.206ms (drawn in 80.000ms–120.000ms)',
        'peer',
      ],
      [
        ev(1, 'n2', 'bits_flipped', {
          conn: 9,
          fromNode: 'n1',
          offset: 0,
          count: 1,
          positions: '356',
          origin: 'explicit',
        }),
        'conn 9 from n1: 1 bit flipped at 356 (explicit)',
        'fault',
      ],
      [
        ev(1, 'n1', 'invariant_violated', {
          name: 'no-duplicates',
          message: 'message 4 delivered twice',
        }),
        'no-duplicates: message 4 delivered twice',
        'violation',
      ],
      [
        ev(1, 'n1', 'block_appended', { index: 0, hash: 'b556d931', data: 'block-0-0' }),
        'block 0 b556d931 "block-0-0"',
        'other',
      ],
    ];
    for (const [event, detail, category] of cases) {
      const out = formatTraceEvent(event);
      expect(out.text.endsWith(` ${detail}`), `${out.text}\n  should end with: ${detail}`).toBe(
        true,
      );
      expect(out.category).toBe(category);
    }
  });

  it('falls back to key=value when a field is missing or the kind is unknown', () => {
    expect(formatTraceEvent(rawEvent(1, 'n1', 'rpc_failed', { rpc: 'n1#1' })).text).toMatch(
      /rpc_failed +rpc=n1#1$/,
    );
    expect(
      formatTraceEvent(rawEvent(1, 'n1', 'made_up', { site: 'x', on: true, v: null })).text,
    ).toMatch(/made_up +site=x on=true v=-$/);
  });

  it('uses · for world events and never emits control characters', () => {
    const out = formatTraceEvent(
      ev(1, '', 'intervention_applied', { action: 'evil\x1b[2J\x07\n' }),
    );
    expect(out.text).toMatch(/^ +0\.000\u2009001 s {2}· /);
    expect(hasControl(out.text)).toBe(false);
    expect(stripControl('a\x1bb\u009bc')).toBe('a�b�c');
  });

  it('flags failures and categorises every kind', () => {
    expect(
      formatTraceEvent(
        ev(1, 'n1', 'checksum_failed', {
          conn: 1,
          fromAddr: 'x',
          offset: 0,
          error: 'bad',
          expected: 1,
          actual: 2,
        }),
      ).failure,
    ).toBe(true);
    expect(formatTraceEvent(rawEvent(1, 'n1', 'packet_delivered')).failure).toBe(false);
    for (const kind of TRACE_KINDS)
      expect(['fault', 'peer', 'packet', 'rpc', 'violation', 'other']).toContain(categoryOf(kind));
  });

  it('abbreviates 16-hex-digit tokens only', () => {
    expect(abbreviateTokens('19a8b5efae6cb09f:d70c096dfd233699 deadbeef')).toBe(
      '…b09f:…3699 deadbeef',
    );
  });

  it('never throws on arbitrary events', () => {
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
    );
    fc.assert(
      fc.property(
        fc.constantFrom(...TRACE_KINDS, 'made_up'),
        fc.string({ maxLength: 6 }),
        fc.dictionary(
          fc.constantFrom(
            'a',
            'b',
            'conn',
            'to',
            'from',
            'toNode',
            'fromNode',
            'fromAddr',
            'toAddr',
            'rpc',
            'bytes',
            'durationUs',
            'peer',
            'peerAddr',
            'mode',
            'step',
            'origin',
            'x',
          ),
          value,
        ),
        (kind, node, fields) => {
          const out = formatTraceEvent(rawEvent(42, node, kind, fields));
          expect(hasControl(out.text)).toBe(false);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('filters', () => {
  const onN1 = ev(1, 'n1', 'packet_sent', {
    conn: 1,
    fromAddr: '10.0.0.1:49152',
    toAddr: '10.0.0.2:4500',
    offset: 0,
    bytes: 30,
    packet: 'data',
    msg: 1,
    crc: 0,
  });
  const rpcOnN2 = ev(1, 'n2', 'rpc_failed', { rpc: 'n2#1', error: 'Timeout', latencyUs: 5 });
  const worldPartition = ev(1, '', 'partition_created', {
    fault: 1,
    a: 'n1',
    b: 'n2',
    mode: 'both',
    durationUs: null,
    origin: 'explicit',
  });
  const worldClogN3 = ev(1, '', 'clog_started', {
    fault: 2,
    a: 'n3',
    b: 'n4',
    durationUs: 5,
    origin: 'chaos',
  });

  it('shows everything when off', () => {
    expect(matchesFilter(null, onN1)).toBe(true);
  });
  it('keeps a time window (ends included), alone or with other terms, and says so', () => {
    const at = (us: number, node = 'n2') =>
      ev(us, node, 'rpc_failed', { rpc: 'n2#1', error: 'Timeout', latencyUs: 5 });
    const w = filter('2.3s..4.6s');
    expect(
      [2_299_999, 2_300_000, 4_600_000, 4_600_001].map((us) => matchesFilter(w, at(us))),
    ).toEqual([false, true, true, false]);
    expect(matchesFilter(filter('2.3s..4.6s n1'), at(3_000_000))).toBe(false);
    expect(matchesFilter(filter('2.3s..4.6s rpc'), at(3_000_000))).toBe(true);
    expect(formatFilter(filter('n1 2300ms..4.6s'))).toBe('2300ms..4600ms n1');
    expect(parseFilterTerms(['5s..1s'])).toEqual({
      error: 'time window 5s..1s: the start is after the end',
    });
    expect(parseFilterTerms(['2s..soon'])).toHaveProperty(
      'error',
      expect.stringContaining('is not a time window'),
    );
  });
  it('matches nodes, including world events that name them', () => {
    const f = filter('n1');
    expect(matchesFilter(f, onN1)).toBe(true);
    expect(matchesFilter(f, rpcOnN2)).toBe(false);
    expect(matchesFilter(f, worldPartition)).toBe(true);
    expect(matchesFilter(f, worldClogN3)).toBe(false);
  });
  it('matches kinds, prefixes and categories, and ANDs them with nodes', () => {
    expect(matchesFilter(filter('rpc_failed'), rpcOnN2)).toBe(true);
    expect(matchesFilter(filter('rpc_*'), rpcOnN2)).toBe(true);
    expect(matchesFilter(filter('rpc'), rpcOnN2)).toBe(true);
    expect(matchesFilter(filter('fault'), rpcOnN2)).toBe(false);
    expect(matchesFilter(filter('fault packet'), onN1)).toBe(true);
    expect(matchesFilter(filter('n2 fault'), worldPartition)).toBe(true);
    expect(matchesFilter(filter('n2 fault'), rpcOnN2)).toBe(false);
  });
  it('prints back as words', () => {
    expect(formatFilter(filter('rpc_* n1 fault packet_sent'))).toBe('n1 fault packet_sent rpc_*');
    expect(formatFilter(null)).toBe('off');
  });
});
