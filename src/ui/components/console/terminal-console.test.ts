/*
 * The console against the real engine (over its message API, in a loopback) and store, with xterm replaced by
 * a recorder: what reaches the terminal, in what order, how much of it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSession } from '../../../core/session';
import { MUTANT_IDS } from '../../../core/mutants/catalogue';
import { loopback } from '../../engine/loopback';
import { createUiStore, type TraceListener } from '../../store';

const terminals: FakeTerminal[] = [];

class FakeTerminal {
  cols = 160;
  rows = 20;
  textarea = undefined;
  out: string[] = [];
  cleared = 0;
  input: (data: string) => void = () => undefined;
  constructor() {
    terminals.push(this);
  }
  loadAddon(): void {}
  open(): void {}
  attachCustomKeyEventHandler(): void {}
  onData(handler: (data: string) => void) {
    this.input = handler;
    return { dispose() {} };
  }
  write(data: string, cb?: () => void): void {
    this.out.push(data);
    cb?.();
  }
  clear(): void {
    this.cleared++;
  }
  focus(): void {}
  blur(): void {}
  hasSelection(): boolean {
    return false;
  }
  getSelection(): string {
    return '';
  }
  dispose(): void {}
  /** Everything written, escapes removed, split into lines (a \r starts the line over). */
  text(): string[] {
    const all = this.out.join('').replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''); // eslint-disable-line no-control-regex
    return all.split('\n').map(
      (l) =>
        l
          .split('\r')
          .filter((p) => p !== '')
          .pop() ?? '',
    );
  }
}

vi.mock('@xterm/xterm', () => ({ Terminal: FakeTerminal }));
vi.mock('@xterm/addon-fit', () => ({
  FitAddon: class {
    fit() {}
  },
}));

let frames: FrameRequestCallback[] = [];
const runFrames = () => {
  for (let i = 0; i < 1000 && frames.length > 0; i++) {
    const batch = frames;
    frames = [];
    for (const f of batch) f(0);
  }
};

beforeEach(() => {
  frames = [];
  terminals.length = 0;
  vi.stubGlobal('requestAnimationFrame', (f: FrameRequestCallback) => frames.push(f));
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  vi.stubGlobal('getComputedStyle', () => ({ getPropertyValue: () => '' }));
  vi.stubGlobal('document', { documentElement: {} });
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
});
afterEach(() => vi.unstubAllGlobals());

async function setup(scenario = 'ping-pong', chaos = 'calm') {
  const { TerminalConsole } = await import('./terminal-console');
  const made = makeSession({ scenario, seed: 42n, chaos });
  if (!made.ok) throw new Error(made.errors.join());
  const link = loopback();
  const listeners = new Set<TraceListener>();
  const store = createUiStore(link.client, listeners);
  link.client.load(made.session, 0);
  link.drain();
  const copied: string[] = [];
  const console = new TerminalConsole(
    {} as HTMLElement,
    {
      store,
      engine: link.client,
      traceListeners: listeners,
      linkBase: () => 'https://x.test/',
      copy: async (t) => void copied.push(t),
      randomSeed: () => 7n,
      traceFlushIntervalMs: 0,
    },
    () => undefined,
  );
  const term = terminals[0] as FakeTerminal;
  /** Delivers what is in flight between the console and the engine, and what it printed. */
  const settle = async () => {
    for (let i = 0; i < 4; i++) {
      link.drain();
      await new Promise((resolve) => setTimeout(resolve, 0));
      runFrames();
    }
  };
  const type = async (line: string) => {
    term.input(`${line}\r`);
    await settle();
  };
  const frame = () => {
    const latest = link.client.latest;
    if (!latest) throw new Error('no frame yet');
    return latest;
  };
  return { console, link, frame, settle, store, term, type, copied, listeners };
}

describe('TerminalConsole', () => {
  it('greets, runs commands through the store and prints their results', async () => {
    const { frame, term, type, copied } = await setup();
    runFrames();
    expect(term.text().some((l) => l.includes('ping-pong · seed 42 · chaos calm'))).toBe(true);
    await type('step 5');
    expect(frame().simEvents).toBe(5);
    await type('partition n1 n2');
    const lines = term.text();
    expect(lines).toContain('› partition n1 n2');
    expect(lines.some((l) => /intervention_applied +partition n1 n2$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('✓ partition n1 n2 at t='))).toBe(true);
    expect(frame().session.script).toHaveLength(1);
    await type('hash');
    expect(term.text().some((l) => l.startsWith(`hash ${frame().traceHash}`))).toBe(true);
    await type('kill n9');
    expect(term.text().some((l) => /✗ .*n9/.test(l))).toBe(true);
    await type('sek 1s');
    expect(term.text()).toContain(
      '✗ unknown command "sek" — did you mean seek? (type help for the list)',
    );
    await type('link');
    await Promise.resolve();
    expect(copied[0]).toMatch(
      /^https:\/\/x\.test\/\?scenario=ping-pong&seed=42&chaos=calm.*script=/,
    );
  });

  it('caps output per frame and says how many events it skipped', async () => {
    const { term, type, frame, settle } = await setup('fan-in', 'storm');
    await type('run 5s');
    await settle();
    const lines = term.text();
    const note = lines.find((l) => /^… \d+ events skipped/.test(l));
    expect(note).toBeDefined();
    expect(lines.length).toBeLessThan(frame().traceLength);
    expect(lines.some((l) => l.startsWith('run 5.000s: now at t=5.000s'))).toBe(true);
  });

  it('prints a separator when the run is rebuilt, and a banner for a new session', async () => {
    const { term, type, frame } = await setup();
    await type('run 1s');
    await type('seek 0');
    expect(term.text().some((l) => l.includes('replaying from t=0'))).toBe(true);
    await type('seed 9');
    expect(frame().session.seed).toBe(9n);
    expect(term.text().some((l) => l.includes('ping-pong · seed 9 · chaos calm'))).toBe(true);
    await type('chaos storm');
    expect(frame().session.chaos).toBe('storm');
  });

  it('mutant <id> / off reruns the same session with or without it; an unknown id changes nothing', async () => {
    const { term, type, frame, store } = await setup();
    await type('partition n1 n2');
    const before = frame().session;
    const epochBefore = frame().epoch;
    expect(before.script).toHaveLength(1);
    expect(before.mutant).toBeUndefined();

    await type('mutant');
    let lines = term.text();
    expect(lines.some((l) => /^ {2}misroute-replies +the server sends each reply/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('No mutant: this is the real transport.'))).toBe(true);

    await type('mutant nope');
    expect(term.text()).toContain(
      `✗ unknown mutant "nope" (one of: ${MUTANT_IDS.join(', ')}; or off)`,
    );
    expect(frame().epoch).toBe(epochBefore); // no new run
    expect(frame().session).toEqual(before);

    await type('mutant misroute-replies');
    const mutated = frame().session;
    const epochMutated = frame().epoch;
    expect(mutated).toEqual({ ...before, mutant: 'misroute-replies' });
    expect(frame().timeUs).toBe(0);
    expect(store.getState().view?.mutant).toEqual({
      id: 'misroute-replies',
      breaks: expect.stringMatching(/previous request/),
    });
    runFrames();
    lines = term.text();
    expect(
      lines.some((l) =>
        l.includes(
          'ping-pong · seed 42 · chaos calm · 1 scripted interventions · MUTANT misroute-replies',
        ),
      ),
    ).toBe(true);
    expect(lines.some((l) => l.startsWith('✓ mutant misroute-replies'))).toBe(true);

    await type('mutant');
    lines = term.text();
    expect(lines.some((l) => /^● misroute-replies/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('Active: misroute-replies'))).toBe(true);

    await type('mutant misroute-replies');
    expect(term.text()).toContain('Mutant misroute-replies is already active.');
    expect(frame().epoch).toBe(epochMutated);

    await type('seed 9'); // another seed keeps the mutant
    expect(frame().session).toMatchObject({ seed: 9n, mutant: 'misroute-replies' });

    await type('mutant off');
    expect(frame().session.mutant).toBeUndefined();
    expect(store.getState().view?.mutant).toBeNull();
    await type('mutant off');
    expect(term.text()).toContain('No mutant is active: this is already the real transport.');
  });

  it('filters the trace and reprints recent matching events', async () => {
    const { term, type } = await setup('ping-pong', 'storm');
    await type('run 3s');
    const before = term.out.length;
    await type('filter rpc_failed');
    const all = term.text();
    const after = all.slice(all.lastIndexOf('› filter rpc_failed'));
    const traceLines = after.filter((l) => /^ +\d+\.\d{3}\u2009\d{3} s /.test(l));
    expect(traceLines.length).toBeGreaterThan(0);
    expect(traceLines.every((l) => / rpc_failed /.test(l))).toBe(true);
    expect(term.out.length).toBeGreaterThan(before);
    await type('filter');
    expect(term.text().some((l) => l === 'filter: rpc_failed')).toBe(true);
  });

  it('stops listening when disposed', async () => {
    const { console, listeners } = await setup();
    expect(listeners.size).toBe(1);
    console.dispose();
    expect(listeners.size).toBe(0);
  });
});
