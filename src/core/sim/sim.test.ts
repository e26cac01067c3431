import { describe, expect, it } from 'vitest';
import { Sim } from './sim';
import { TaskCancelled, Timeout } from './errors';
import type { SimFuture } from './future';

const newSim = (seed = 1n) => new Sim({ seed });

describe('Sim clock and events', () => {
  it('runs events in (time, sequence) order, FIFO at equal times', () => {
    const sim = newSim();
    const order: string[] = [];
    sim.schedule(200, 'c', () => order.push('c@200'));
    sim.schedule(100, 'a', () => order.push('a@100'));
    sim.schedule(100, 'b', () => order.push('b@100'));
    sim.schedule(0, 'z', () => order.push('z@0'));
    sim.runUntil({ timeUs: 1_000 });
    expect(order).toEqual(['z@0', 'a@100', 'b@100', 'c@200']);
    expect(sim.now()).toBe(1_000);
  });

  it('step() runs exactly one event and sets the clock to its time', () => {
    const sim = newSim();
    let ran = 0;
    sim.schedule(5, 'x', () => ran++);
    sim.schedule(9, 'y', () => ran++);
    expect(sim.step()).toBe(true);
    expect(ran).toBe(1);
    expect(sim.now()).toBe(5);
    expect(sim.events).toBe(1);
    expect(sim.step()).toBe(true);
    expect(sim.now()).toBe(9);
    expect(sim.step()).toBe(false);
  });

  it('the first step() of a fresh world runs an event even when only tasks were spawned', () => {
    const sim = newSim();
    sim.spawn(
      't',
      'n1',
      (function* () {
        yield* sim.sleep(5);
      })(),
    );
    expect(sim.step()).toBe(true);
    expect(sim.events).toBe(1);
    expect(sim.now()).toBe(5);
  });

  it('a cancelled timer does not fire and does not count as an event', () => {
    const sim = newSim();
    let fired = false;
    const t = sim.schedule(10, 'x', () => (fired = true));
    sim.schedule(20, 'y', () => {});
    t.cancel();
    expect(sim.step()).toBe(true);
    expect(fired).toBe(false);
    expect(sim.now()).toBe(20);
    expect(sim.events).toBe(1);
  });

  it('runUntil is bounded by events, time and predicate and says why it stopped', () => {
    const sim = newSim();
    let n = 0;
    const tick = () => {
      n++;
      sim.schedule(10, 'tick', tick);
    };
    sim.schedule(0, 'tick', tick);
    expect(sim.runUntil({ events: 5 })).toEqual({ reason: 'events', events: 5 });
    expect(sim.runUntil({ predicate: () => n >= 8 })).toEqual({ reason: 'predicate', events: 3 });
    expect(sim.runUntil({ timeUs: 1_000 }).reason).toBe('time');
    expect(sim.now()).toBe(1_000);
    const empty = newSim();
    expect(empty.runUntil({ events: 10 }).reason).toBe('idle');
  });

  it('rejects negative and fractional delays', () => {
    const sim = newSim();
    expect(() => sim.schedule(-1, 'x', () => {})).toThrow(RangeError);
    expect(() => sim.schedule(1.5, 'x', () => {})).toThrow(RangeError);
  });
});

describe('tasks', () => {
  it('resume when their future settles, within the same step', () => {
    const sim = newSim();
    const log: string[] = [];
    sim.spawn(
      't',
      'n1',
      (function* () {
        log.push(`start@${sim.now()}`);
        yield* sim.sleep(100);
        log.push(`woke@${sim.now()}`);
        const v = yield* sim.sleep(50);
        log.push(`again@${sim.now()}:${String(v)}`);
        return 7;
      })(),
    );
    sim.runUntil({ events: 0 }); // drains the ready queue: the task starts
    expect(log).toEqual(['start@0']);
    expect(sim.step()).toBe(true);
    expect(log).toEqual(['start@0', 'woke@100']); // resumed inside the step that fired the timer
    sim.runUntil({ timeUs: 1_000 });
    expect(log).toEqual(['start@0', 'woke@100', 'again@150:undefined']);
  });

  it('receive values and thrown errors from futures', () => {
    const sim = newSim();
    const f = sim.future<number>();
    const g = sim.future<number>();
    const seen: unknown[] = [];
    const task = sim.spawn(
      't',
      'n1',
      (function* () {
        seen.push(yield* f);
        try {
          yield* g;
        } catch (e) {
          seen.push((e as Error).message);
        }
        return 'done';
      })(),
    );
    sim.schedule(10, 'resolve', () => f.resolve(41));
    sim.schedule(20, 'reject', () => g.reject(new Error('boom')));
    sim.runUntil({ timeUs: 100 });
    expect(seen).toEqual([41, 'boom']);
    expect(task.done.peek()).toEqual({ ok: true, value: 'done' });
  });

  it('cancel closes the generator (finally runs) and rejects done with TaskCancelled', () => {
    const sim = newSim();
    const log: string[] = [];
    const task = sim.spawn(
      'sleeper',
      'n1',
      (function* () {
        try {
          yield* sim.sleep(1_000);
          log.push('never');
        } finally {
          log.push('finally');
        }
      })(),
    );
    sim.schedule(10, 'cancel', () => task.cancel());
    sim.runUntil({ timeUs: 5_000 });
    expect(log).toEqual(['finally']);
    expect(task.running).toBe(false);
    const r = task.done.peek();
    expect(r?.ok).toBe(false);
    expect((r as { error: unknown }).error).toBeInstanceOf(TaskCancelled);
  });

  it("cancelTasksOf cancels only that node's tasks", () => {
    const sim = newSim();
    const forever = function* (): Generator<SimFuture<unknown>, void, unknown> {
      for (;;) yield* sim.sleep(10);
    };
    const a = sim.spawn('a', 'n1', forever());
    const b = sim.spawn('b', 'n2', forever());
    sim.runUntil({ timeUs: 50 });
    sim.cancelTasksOf('n1');
    expect(a.running).toBe(false);
    expect(b.running).toBe(true);
  });

  it('a task that throws is traced and fails the run without killing the engine', () => {
    const sim = newSim();
    sim.spawn(
      'bad',
      'n3',
      (function* () {
        yield* sim.sleep(5);
        throw new Error('kaput');
      })(),
    );
    let later = false;
    sim.schedule(10, 'later', () => (later = true));
    sim.runUntil({ timeUs: 100 });
    expect(later).toBe(true);
    const failed = sim.trace.since(0).events.filter((e) => e.kind === 'task_failed');
    expect(failed).toHaveLength(1);
    // The engine's own wording of a plain Error stays out of the hash; the violation keeps it.
    expect(failed[0]).toMatchObject({
      node: 'n3',
      task: 'bad',
      error: 'Error',
      message: 'Error',
      timeUs: 5,
    });
    expect(sim.assertions.violations).toHaveLength(1);
    expect(sim.assertions.violations[0]?.message).toContain('kaput');
  });

  it('withTimeout rejects with Timeout when the deadline passes first', () => {
    const sim = newSim();
    const slow = sim.future<number>();
    const out: unknown[] = [];
    sim.spawn(
      't',
      'n1',
      (function* () {
        try {
          yield* sim.withTimeout(slow, 100, 'slow thing');
        } catch (e) {
          out.push(e instanceof Timeout, sim.now());
        }
      })(),
    );
    sim.schedule(500, 'late', () => slow.resolve(1));
    sim.runUntil({ timeUs: 1_000 });
    expect(out).toEqual([true, 100]);
  });
});

describe('trace', () => {
  it('the same actions give the same hash; a different field changes it', () => {
    const run = (value: number) => {
      const sim = newSim();
      sim.schedule(3, 'x', () =>
        sim.emit('n1', 'bytes_sent', { conn: 1, toNode: 'n2', offset: 0, bytes: value }),
      );
      sim.runUntil({ timeUs: 10 });
      return sim.trace.hash();
    };
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
    expect(run(5)).toMatch(/^[0-9a-f]{16}$/);
  });

  it('keeps memory bounded but hashes everything', () => {
    const sim = new Sim({ seed: 1n, traceCapacity: 10 });
    for (let i = 0; i < 25; i++)
      sim.emit('n1', 'bytes_sent', { conn: 1, toNode: 'n2', offset: i, bytes: i });
    const { events, evicted, next } = sim.trace.since(0);
    expect(events).toHaveLength(10);
    expect(evicted).toBe(15);
    expect(next).toBe(25);
    expect(events[0]).toMatchObject({ seq: 15, bytes: 15 });
    expect(sim.trace.countsByKind()).toEqual({ bytes_sent: 25 });
  });
});

describe('causes', () => {
  /** Emits a marker event named `label` on n1; returns its seq. */
  const mark = (sim: Sim, label: string): number =>
    sim.emit('n1', 'intervention_applied', { action: label });
  /** Each marker's cause, by label: another marker's label, the kind of another event, or '' for none (-1). */
  const causes = (sim: Sim): Record<string, string> => {
    const events = sim.trace.since(0).events;
    const name = (seq: number): string => {
      if (seq < 0) return '';
      const e = events[seq];
      if (!e) throw new Error(`no event ${seq}`);
      return e.kind === 'intervention_applied' ? e.action : e.kind;
    };
    return Object.fromEntries(
      events.flatMap((e) => (e.kind === 'intervention_applied' ? [[e.action, name(e.cause)]] : [])),
    );
  };

  it('a timer callback is caused by the last event emitted before the timer was scheduled', () => {
    const sim = newSim();
    const seqs: Record<string, number> = {};
    sim.schedule(1, 'handler', () => {
      seqs.a = mark(sim, 'a');
      seqs.b = mark(sim, 'b');
      sim.schedule(10, 'timer', () => void (seqs.timer = mark(sim, 'timer')));
      seqs.c = mark(sim, 'c'); // after scheduling: not the timer's cause
    });
    sim.runUntil({ timeUs: 100 });
    expect(causes(sim)).toEqual({ a: '', b: 'a', c: 'b', timer: 'b' });
    const timer = sim.trace.since(0).events[seqs.timer as number];
    expect(timer).toMatchObject({
      kind: 'intervention_applied',
      action: 'timer',
      timeUs: 11,
      cause: seqs.b,
    });
  });

  it('events in one handler chain: each is caused by the one before it, across timers', () => {
    const sim = newSim();
    let first = -1;
    let second = -1;
    sim.schedule(1, 'handler', () => {
      first = mark(sim, 'first');
      second = mark(sim, 'second');
      sim.schedule(5, 'next', () => {
        mark(sim, 'third');
        mark(sim, 'fourth');
      });
    });
    sim.runUntil({ timeUs: 100 });
    expect(sim.trace.since(0).events[second]?.cause).toBe(first);
    expect(causes(sim)).toEqual({ first: '', second: 'first', third: 'second', fourth: 'third' });
  });

  it('a continuation of a future is caused by what was current when the future was resolved', () => {
    const sim = newSim();
    const f = sim.future<number>();
    sim.schedule(1, 'spawner', () => {
      mark(sim, 'spawned');
      sim.spawn(
        'waiter',
        'n1',
        (function* () {
          yield* f;
          mark(sim, 'task woke');
        })(),
      );
      f.onSettle(() => void mark(sim, 'listener ran'));
    });
    sim.schedule(5, 'resolver', () => {
      mark(sim, 'before');
      f.resolve(1);
      mark(sim, 'after'); // emitted before the continuations run, but not their cause
    });
    sim.runUntil({ timeUs: 100 });
    expect(causes(sim)).toEqual({
      spawned: '',
      before: '',
      after: 'before',
      'task woke': 'before',
      'listener ran': 'before',
    });
  });

  it('between steps there is no cause: outside code after a step starts a new chain', () => {
    const sim = newSim();
    sim.schedule(1, 'handler', () => {
      mark(sim, 'in step');
      sim.defer(() => void mark(sim, 'deferred'));
    });
    expect(sim.step()).toBe(true);
    mark(sim, 'outside after step');
    sim.schedule(1, 'outside timer', () => void mark(sim, 'outside timer'));
    sim.runUntil({ timeUs: 10 });
    mark(sim, 'outside after runUntil');
    expect(causes(sim)).toEqual({
      'in step': '',
      deferred: 'in step',
      'outside after step': '',
      'outside timer': 'outside after step',
      'outside after runUntil': '',
    });
  });

  it('what a trace listener emits is caused by the event it heard, and does not become the handler’s cause', () => {
    const sim = newSim();
    sim.trace.subscribe(
      () => void sim.emit('n1', 'buggify_fired', { site: 'heard' }),
      ['invariant_violated'],
    );
    sim.schedule(1, 'handler', () => {
      mark(sim, 'a');
      sim.emit('n1', 'invariant_violated', { name: 'x', message: 'y' });
      mark(sim, 'b');
    });
    sim.runUntil({ timeUs: 10 });
    expect(sim.trace.since(0).events.map((e) => [e.seq, e.kind, e.cause])).toEqual([
      [0, 'intervention_applied', -1],
      [1, 'invariant_violated', 0],
      [2, 'buggify_fired', 1],
      [3, 'intervention_applied', 1],
    ]);
  });
});

describe('assertions and buggify', () => {
  it('count passes and failures; always-failures and unreachables are violations', () => {
    const sim = newSim();
    const a = sim.assertions;
    a.register('never seen', 'sometimes');
    a.always(true, 'ok');
    a.always(false, 'ok', 'n1', 'broken');
    a.sometimes(false, 'rare');
    a.sometimes(true, 'rare');
    a.reachable('here');
    a.unreachable('there');
    expect(a.report()).toEqual([
      { name: 'here', kind: 'reachable', pass: 1, fail: 0 },
      { name: 'never seen', kind: 'sometimes', pass: 0, fail: 0 },
      { name: 'ok', kind: 'always', pass: 1, fail: 1 },
      { name: 'rare', kind: 'sometimes', pass: 1, fail: 1 },
      { name: 'there', kind: 'unreachable', pass: 0, fail: 1 },
    ]);
    expect(a.violations.map((v) => v.name)).toEqual(['ok', 'there']);
    expect(sim.trace.count('invariant_violated')).toBe(2);
  });

  it('buggify sites are enabled per run from the seed, about half of them', () => {
    const enabled = (seed: bigint) => new Sim({ seed, buggify: true }).buggify.isEnabled('site-a');
    const results = Array.from({ length: 200 }, (_, i) => enabled(BigInt(i)));
    const count = results.filter(Boolean).length;
    expect(count).toBeGreaterThan(70);
    expect(count).toBeLessThan(130);
    expect(enabled(5n)).toBe(enabled(5n));
    const off = new Sim({ seed: 1n, buggify: false });
    expect(Array.from({ length: 100 }, () => off.buggify.fire('x', 1_000_000)).some(Boolean)).toBe(
      false,
    );
  });
});

describe('late events', () => {
  it('run after every ordinary event at their time, even ones scheduled afterwards', () => {
    const sim = newSim();
    const order: string[] = [];
    sim.scheduleLate(100, 'late', () => order.push('late'));
    sim.schedule(100, 'a', () => {
      order.push('a');
      sim.schedule(0, 'a-child', () => order.push('a-child'));
    });
    sim.schedule(101, 'b', () => order.push('b'));
    sim.runUntil({ timeUs: 200 });
    expect(order).toEqual(['a', 'a-child', 'late', 'b']);
  });
});
