/*
 * The core's side of the hostile audit (../shared/reviews/audit-findings.md):
 * D1 degenerate interventions, D3 `@N` stamps that ignored their time, D5 the
 * 1 h cap on a link's `t`, D6 parameters that are not own keys, D7 input echoed
 * raw in errors. Each test failed before its fix.
 */
import { describe, expect, it } from 'vitest';
import { createEngine, type Engine } from './engine';
import { parseIntervention, parseScript, type Intervention } from './intervention';
import { makeSession, type Session } from './session';
import { sessionFromQuery } from './session-query';
import { MAX_RUN_US, parseDurationUs } from './sim/time';
import { parseSeed } from './sim';
import { quoteInput, showInput } from './sim/quote-input';

function scripted(scenario: string, script: string, seed = 1n): Session {
  const entries = parseScript(script);
  if ('error' in entries) throw new Error(entries.error);
  const made = makeSession({ scenario, seed, chaos: 'calm', script: entries });
  if (!made.ok) throw new Error(made.errors.join('; '));
  return made.session;
}

/** Runs every event due at or before `untilUs`, one `step()` at a time. */
function stepTo(engine: Engine, untilUs: number): void {
  while ((engine.sim.nextEventUs() ?? Infinity) <= untilUs) engine.step();
}

/** Times (µs) of the trace events of `kind`, from an engine built to keep its trace. */
function timesOf(engine: Engine, kind: string): number[] {
  return engine
    .traceSince(0)
    .events.filter((e) => e.kind === kind)
    .map((e) => e.timeUs);
}

describe('D1: an intervention that cannot be carried out is rejected before it is part of a session', () => {
  const degenerate = [
    '1s_partition_n1_n1',
    '1s_partition_n1_n1_oneway',
    '1s_clog_n1_n2_0ms',
    '1s_clog_n1_n2_0.4us', // rounds to 0 µs
    '1s_clog_n1_n1_5ms',
    '1s_spike_n1_n2_5ms_0us',
    '1s_spike_n2_n2_5ms_1s',
    '1s_corrupt_n2_n2',
    '1s_heal_n1_n1',
  ];

  it.each(degenerate)('parseScript rejects %s, naming the entry and the problem', (text) => {
    const parsed = parseScript(text);
    expect(parsed).toEqual({
      error: expect.stringMatching(
        /^script entry 1 \(".*"\): .*(two different nodes|duration must be more than 0)/,
      ),
    });
  });

  it.each(degenerate)('a link with script=%s is rejected by sessionFromQuery', (text) => {
    const parsed = sessionFromQuery(`?scenario=ping-pong&script=${text}`);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok)
      expect(parsed.errors.join('\n')).toMatch(
        /^script: script entry 1 .*(two different nodes|duration must be more than 0)/,
      );
  });

  it('still accepts the forms that work: a zero-latency spike, heal of one node or of two', () => {
    for (const text of [
      '1s_spike_n1_n2_0us_5ms',
      '1s_heal_n1',
      '1s_heal_n1_n2',
      '1s_heal',
      '1s_clog_n1_n2_1us',
    ]) {
      expect(parseScript(text), text).not.toHaveProperty('error');
    }
    const engine = createEngine(
      scripted('ping-pong', '1s_spike_n1_n2_0us_5ms~2s_heal_n1_n2~3s_clog_n2_n1_1us'),
    );
    expect(() => engine.runUntil({ timeUs: 5_000_000 })).not.toThrow();
    expect(engine.session().script).toHaveLength(3);
  });

  it('corrupt takes an optional "byte <n>" and says what is wrong with anything else', () => {
    expect(parseIntervention(['corrupt', 'n1', 'n2', 'byte', '40'])).toEqual({
      kind: 'corrupt',
      a: 'n1',
      b: 'n2',
      atByte: 40,
    });
    for (const words of [
      ['corrupt', 'n1', 'n2', 'byte'],
      ['corrupt', 'n1', 'n2', 'bit', '4'],
      ['corrupt', 'n1', 'n2', '40'],
      ['corrupt', 'n1', 'n2', 'byte', '-1'],
    ])
      expect(parseIntervention(words), words.join(' ')).toHaveProperty('error');
    expect(parseScript('1s_corrupt_n1_n2_byte_40')).toEqual([
      { atUs: 1_000_000, action: { kind: 'corrupt', a: 'n1', b: 'n2', atByte: 40 } },
    ]);
  });

  it('parseIntervention (the console and the CLI REPL) says what is wrong', () => {
    expect(parseIntervention(['partition', 'n1', 'n1'])).toEqual({
      error: 'partition n1 n1: name two different nodes',
    });
    expect(parseIntervention(['clog', 'n1', 'n2', '0ms'])).toEqual({
      error: 'clog n1 n2 0s: the duration must be more than 0',
    });
    expect(parseIntervention(['spike', 'n1', 'n2', '0ms', '1s'])).toEqual({
      kind: 'spike',
      a: 'n1',
      b: 'n2',
      latencyUs: 0,
      durationUs: 1_000_000,
    });
  });

  const bad: Intervention[] = [
    { kind: 'clog', a: 'n1', b: 'n2', durationUs: 0 },
    { kind: 'partition', a: 'n1', b: 'n1', oneWay: false },
    { kind: 'spike', a: 'n1', b: 'n2', latencyUs: 5000, durationUs: 0 },
    { kind: 'spike', a: 'n1', b: 'n2', latencyUs: -1, durationUs: 1000 },
    { kind: 'corrupt', a: 'n2', b: 'n2' },
  ];

  it.each(bad)(
    'engine.apply($kind …) throws and records nothing, between instants and mid-instant',
    (action) => {
      const engine = createEngine(scripted('ping-pong', '5s_kill_n1'));
      engine.runUntil({ timeUs: 1_000_000 });
      expect(() => engine.apply(action)).toThrow(/two different nodes|more than 0|latency/);
      // Not recorded, and the replayed future (5 s kill) is not dropped: nothing changed.
      expect(engine.session().script.map((e) => e.action.kind)).toEqual(['kill']);
      for (let i = 0; i < 5000 && engine.sim.nextEventUs() !== engine.nowUs(); i++) engine.step();
      expect(engine.sim.nextEventUs()).toBe(engine.nowUs()); // between two events of one instant
      expect(() => engine.apply(action)).toThrow();
      expect(engine.session().script.map((e) => e.action.kind)).toEqual(['kill']);
      expect(() => engine.runUntil({ timeUs: 6_000_000 })).not.toThrow();
      expect(engine.sim.trace.count('node_killed')).toBe(1);
      expect(engine.sim.trace.count('intervention_applied')).toBe(1);
    },
  );
});

describe('D3: an `@N` stamp applies at its time, after its event count', () => {
  it('10s@5_kill_n1 kills n1 at 10 s, as 10s_kill_n1 does (not after 5 events)', () => {
    const stamped = createEngine(scripted('ping-pong', '10s@5_kill_n1'), {
      traceCapacity: 100_000,
    });
    stamped.runUntil({ timeUs: 20_000_000 });
    expect(timesOf(stamped, 'node_killed')).toEqual([10_000_000]);
    const plain = createEngine(scripted('ping-pong', '10s_kill_n1'));
    plain.runUntil({ timeUs: 20_000_000 });
    expect(stamped.finish().outcomes).toEqual(plain.finish().outcomes);
    expect(stamped.finish().outcomes).toMatchObject({ answered: 97 });
    expect(stamped.traceHash()).toBe(plain.traceHash()); // the late timer of 10s_kill_n1 is an event, not a trace line
    expect(stamped.session().script).toEqual(scripted('ping-pong', '10s@5_kill_n1').script); // the link still says what it did
  });

  it('a count never reached blocks nothing: it applies before the clock passes its time, and the next entry on time', () => {
    const engine = createEngine(
      scripted('ping-pong', '1s@999999999_kill_n1~2s@1_restart_n1~3s@0_kill_n2'),
      { traceCapacity: 100_000 },
    );
    engine.runUntil({ timeUs: 4_000_000 });
    expect(timesOf(engine, 'node_killed')).toEqual([1_000_000, 3_000_000]);
    expect(timesOf(engine, 'node_restarted')).toEqual([2_000_000]);
    expect(timesOf(engine, 'intervention_applied')).toEqual([1_000_000, 2_000_000, 3_000_000]);
  });

  it('entries apply in script order: a stamp does not overtake an earlier unstamped entry', () => {
    const engine = createEngine(scripted('ping-pong', '1s_partition_n1_n2~2s@5_heal'));
    engine.runUntil({ timeUs: 3_000_000 });
    expect(engine.net.faultInfos()).toEqual([]); // healed after it was cut, not before
    expect(engine.sim.trace.count('partition_healed')).toBe(1);
  });

  it('a stamp whose count falls within its instant applies after exactly that many events', () => {
    const live = createEngine(scripted('mesh', ''));
    live.runUntil({ timeUs: 2_000_000 });
    while (live.sim.nextEventUs() !== live.nowUs()) live.step();
    const entry = live.apply({ kind: 'kill', node: 'n2' });
    expect(entry.afterEvents).toBe(live.sim.events);
    live.runUntil({ timeUs: 3_000_000 });
    for (const stepFirst of [false, true]) {
      const replay = createEngine(live.session());
      if (stepFirst) stepTo(replay, 3_000_000);
      replay.runUntil({ timeUs: 3_000_000 });
      expect(replay.traceHash()).toBe(live.traceHash());
      expect(replay.sim.events).toBe(live.sim.events);
    }
  });

  it('stepping one event at a time and running straight agree on stamped entries, whatever their counts', () => {
    const session = scripted(
      'ping-pong',
      '0s@0_clog_n1_n2_50ms~1s@3_kill_n1~1s@999_restart_n1~1500ms@2000_partition_n1_n2~2s@100000_heal',
    );
    const straight = createEngine(session);
    straight.runUntil({ timeUs: 3_000_000 });
    const stepped = createEngine(session);
    stepTo(stepped, 3_000_000);
    expect(stepped.nowUs()).toBeLessThanOrEqual(3_000_000);
    stepped.runUntil({ timeUs: 3_000_000 }); // moves the clock only: no event is left at or before 3 s
    expect(stepped.traceHash()).toBe(straight.traceHash());
    expect(stepped.sim.events).toBe(straight.sim.events);
    expect(straight.sim.trace.count('intervention_applied')).toBe(5);
  });

  it('an entry at exactly the end of a run applies there, and not before its time when a run stops short', () => {
    const engine = createEngine(scripted('ping-pong', '2s@999999_kill_n1'));
    engine.runUntil({ timeUs: 1_999_999 });
    expect(engine.sim.trace.count('node_killed')).toBe(0);
    expect(engine.nowUs()).toBe(1_999_999);
    engine.runUntil({ timeUs: 2_000_000 });
    expect(engine.sim.trace.count('node_killed')).toBe(1);
    expect(engine.nowUs()).toBe(2_000_000);
  });
});

describe('D5: a link stands at most 1 h into a run', () => {
  it('rejects t above MAX_RUN_US and names the cap', () => {
    expect(MAX_RUN_US).toBe(3_600_000_000);
    const year = sessionFromQuery(
      '?scenario=mesh&p.nodes=32&p.intervalMs=0&chaos=storm&t=31536000000',
    );
    expect(year.ok).toBe(false);
    if (!year.ok)
      expect(year.errors).toEqual([
        expect.stringMatching(
          /^t must be at most 3600000 \(3600s: 1h of virtual time\), got "31536000000"$/,
        ),
      ]);
    expect(sessionFromQuery('?t=3600000.001').ok).toBe(false);
    const hour = sessionFromQuery('?t=3600000');
    expect(hour.ok && hour.state.atUs).toBe(MAX_RUN_US);
  });
});

describe('D6: parameters are own keys', () => {
  it('p.__proto__ is an unknown parameter, not silently dropped', () => {
    const parsed = sessionFromQuery('?p.__proto__=5');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.errors.join('\n')).toMatch(/has no parameter "__proto__"/);
    for (const name of ['constructor', 'toString', 'hasOwnProperty']) {
      const r = sessionFromQuery(`?p.${name}=5`);
      expect(r.ok, name).toBe(false);
    }
  });

  it('makeSession takes no inherited value for a parameter', () => {
    const inherited = Object.create({ pings: 3 }) as Record<string, number>;
    const made = makeSession({ scenario: 'ping-pong', params: inherited });
    const defaults = makeSession({ scenario: 'ping-pong' });
    expect(made.ok && made.session.params).toEqual(defaults.ok && defaults.session.params);
    expect(made.ok && made.session.params.pings).not.toBe(3);
  });
});

describe('D7: input echoed in errors is escaped and clipped', () => {
  it('quoteInput shows control characters as escapes and clips to 40 characters', () => {
    expect(quoteInput('\u001b[31mRED')).toBe('"\\x1b[31mRED"');
    expect(showInput('a\u0001b\u007fc\u009bd\u202ee\r\n')).toBe(
      'a\\x01b\\x7fc\\x9bd\\u202ee\\x0d\\x0a',
    );
    expect(quoteInput('x'.repeat(41))).toBe(`"${'x'.repeat(40)}…"`);
    expect(quoteInput('x'.repeat(40))).toBe(`"${'x'.repeat(40)}"`);
    expect(showInput('😀'.repeat(41))).toBe(`${'😀'.repeat(40)}…`); // never half a surrogate pair
  });

  const raw = /[\u0000-\u001f\u007f-\u009f]/; // eslint-disable-line no-control-regex

  it('session, link, script, seed and duration errors never carry a control character or a long echo', () => {
    const esc = '\u001b[31mRED\u0007';
    const messages: string[] = [];
    const made = makeSession({ scenario: 'ping-pong', chaos: esc, params: { [esc]: 1 } });
    if (!made.ok) messages.push(...made.errors);
    const unknown = makeSession({ scenario: esc });
    if (!unknown.ok) messages.push(...unknown.errors);
    const q = sessionFromQuery(
      `?${encodeURIComponent(esc)}=1&p.${encodeURIComponent(esc)}=x&t=${encodeURIComponent(esc)}&seed=${encodeURIComponent(esc)}`,
    );
    if (!q.ok) messages.push(...q.errors);
    for (const text of [`1s_${esc}`, `${esc}_kill_n1`, `1s_kill_${esc}`]) {
      const s = parseScript(text);
      if ('error' in s) messages.push(s.error);
    }
    for (const text of [esc, `5${esc}`, `${'9'.repeat(400)}s`, '9'.repeat(400)]) {
      const d = parseDurationUs(text);
      if (typeof d !== 'number') messages.push(d.error);
    }
    const seed = parseSeed(esc);
    if (typeof seed !== 'bigint') messages.push(seed.error);
    expect(messages.length).toBeGreaterThanOrEqual(14);
    for (const m of messages) {
      expect(m, m).not.toMatch(raw);
      expect(m.length, m).toBeLessThan(200);
    }
    expect(messages.join('\n')).toContain('\\x1b[31mRED\\x07');
    expect(parseDurationUs(`${'9'.repeat(400)}s`)).toEqual({
      error: `duration "${'9'.repeat(40)}…" is too large`,
    });
  });
});
