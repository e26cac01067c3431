/*
 * The console against the real engine host and store, with xterm replaced by
 * a recorder: what reaches the terminal, in what order, how much of it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeSession } from '../../../core/session';
import { MUTANT_IDS } from '../../../core/mutants/catalogue';
import { EngineHost } from '../../engine-host';
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
  let clock = 0;
  const host = new EngineHost(made.session, () => (clock += 0.001));
  const listeners = new Set<TraceListener>();
  const store = createUiStore(host, listeners);
  host.load(made.session, 0);
  host.finishSeek();
  const copied: string[] = [];
  const console = new TerminalConsole(
    {} as HTMLElement,
    {
      store,
      host,
      traceListeners: listeners,
      linkBase: () => 'https://x.test/',
      copy: async (t) => void copied.push(t),
      randomSeed: () => 7n,
      traceFlushIntervalMs: 0,
    },
    () => undefined,
  );
  const term = terminals[0] as FakeTerminal;
  const type = (line: string) => {
    term.input(`${line}\r`);
    runFrames();
  };
  return { console, host, store, term, type, copied, listeners };
}

describe('TerminalConsole', () => {
  it('greets, runs commands through the store and prints their results', async () => {
    const { host, term, type, copied } = await setup();
    runFrames();
    expect(term.text().some((l) => l.includes('ping-pong · seed 42 · chaos calm'))).toBe(true);
    type('step 5');
    expect(host.current.sim.events).toBe(5);
    type('partition n1 n2');
    const lines = term.text();
    expect(lines).toContain('› partition n1 n2');
    expect(lines.some((l) => /intervention_applied +partition n1 n2$/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('✓ partition n1 n2 at t='))).toBe(true);
    expect(host.current.session().script).toHaveLength(1);
    type('hash');
    expect(term.text().some((l) => l.startsWith(`hash ${host.current.traceHash()}`))).toBe(true);
    type('kill n9');
    expect(term.text().some((l) => /✗ .*n9/.test(l))).toBe(true);
    type('sek 1s');
    expect(term.text()).toContain(
      '✗ unknown command "sek" — did you mean seek? (type help for the list)',
    );
    type('link');
    await Promise.resolve();
    expect(copied[0]).toMatch(
      /^https:\/\/x\.test\/\?scenario=ping-pong&seed=42&chaos=calm.*script=/,
    );
  });

  it('caps output per frame and says how many events it skipped', async () => {
    const { term, type, host } = await setup('fan-in', 'storm');
    type('run 5s');
    host.finishSeek();
    runFrames();
    const lines = term.text();
    const note = lines.find((l) => /^… \d+ events skipped/.test(l));
    expect(note).toBeDefined();
    expect(lines.length).toBeLessThan(host.current.sim.trace.length);
    expect(lines.some((l) => l.startsWith('run 5.000s: now at t=5.000s'))).toBe(true);
  });

  it('prints a separator when the run is rebuilt, and a banner for a new session', async () => {
    const { term, type, host } = await setup();
    type('run 1s');
    host.finishSeek();
    type('seek 0');
    host.finishSeek();
    runFrames();
    expect(term.text().some((l) => l.includes('replaying from t=0'))).toBe(true);
    type('seed 9');
    expect(host.current.session().seed).toBe(9n);
    expect(term.text().some((l) => l.includes('ping-pong · seed 9 · chaos calm'))).toBe(true);
    type('chaos storm');
    expect(host.current.session().chaos).toBe('storm');
  });

  it('mutant <id> / off reruns the same session with or without it; an unknown id changes nothing', async () => {
    const { term, type, host, store } = await setup();
    type('partition n1 n2');
    const before = host.current.session();
    const engineBefore = host.current;
    expect(before.script).toHaveLength(1);
    expect(before.mutant).toBeUndefined();

    type('mutant');
    let lines = term.text();
    expect(lines.some((l) => /^ {2}misroute-replies +the server sends each reply/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => l.startsWith('No mutant: this is the real transport.'))).toBe(true);

    type('mutant nope');
    expect(term.text()).toContain(
      `✗ unknown mutant "nope" (one of: ${MUTANT_IDS.join(', ')}; or off)`,
    );
    expect(host.current).toBe(engineBefore); // no new run
    expect(host.current.session()).toEqual(before);

    type('mutant misroute-replies');
    const mutated = host.current.session();
    const engineMutated = host.current;
    expect(mutated).toEqual({ ...before, mutant: 'misroute-replies' });
    expect(host.current.nowUs()).toBe(0);
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

    type('mutant');
    lines = term.text();
    expect(lines.some((l) => /^● misroute-replies/.test(l))).toBe(true);
    expect(lines.some((l) => l.startsWith('Active: misroute-replies'))).toBe(true);

    type('mutant misroute-replies');
    expect(term.text()).toContain('Mutant misroute-replies is already active.');
    expect(host.current).toBe(engineMutated);

    type('seed 9'); // another seed keeps the mutant
    expect(host.current.session()).toMatchObject({ seed: 9n, mutant: 'misroute-replies' });

    type('mutant off');
    expect(host.current.session().mutant).toBeUndefined();
    expect(store.getState().view?.mutant).toBeNull();
    type('mutant off');
    expect(term.text()).toContain('No mutant is active: this is already the real transport.');
  });

  it('filters the trace and reprints recent matching events', async () => {
    const { term, type, host } = await setup('ping-pong', 'storm');
    type('run 3s');
    host.finishSeek();
    runFrames();
    const before = term.out.length;
    type('filter rpc_failed');
    const all = term.text();
    const after = all.slice(all.lastIndexOf('› filter rpc_failed'));
    const traceLines = after.filter((l) => /^ +\d+\.\d{3}ms /.test(l));
    expect(traceLines.length).toBeGreaterThan(0);
    expect(traceLines.every((l) => / rpc_failed /.test(l))).toBe(true);
    expect(term.out.length).toBeGreaterThan(before);
    type('filter');
    expect(term.text().some((l) => l === 'filter: rpc_failed')).toBe(true);
  });

  it('stops listening when disposed', async () => {
    const { console, listeners } = await setup();
    expect(listeners.size).toBe(1);
    console.dispose();
    expect(listeners.size).toBe(0);
  });
});
