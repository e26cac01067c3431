/*
 * The console's engine: an xterm terminal that shows the live trace in colour
 * and a prompt line that runs the shared command language (src/console) via
 * the store's actions. Output is batched once per animation frame and capped
 * (MAX_LINES_PER_FRAME), with a note of how many events were skipped, and a
 * new batch waits until xterm has parsed the previous one, so fast playback
 * cannot drown the terminal or the page. Keys reach the terminal only while
 * it has focus (App ignores keys inside .xterm); Esc hands focus back to the
 * page so space/→ work again.
 */
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import {
  complete,
  formatFilter,
  helpLines,
  matchesFilter,
  parseCommand,
  type Command,
  type TraceFilter,
} from '../../../console/commands';
import { describeIntervention } from '../../../core/intervention';
import { findMutant, MUTANTS, type MutantId } from '../../../core/mutants/catalogue';
import { CHAOS_PRESETS } from '../../../core/session';
import { SCENARIOS } from '../../../core/scenario/registry';
import { makeSession, transportInput, type Session } from '../../../core/session';
import { formatUs, type TraceEvent } from '../../../core/sim';
import type { EngineClient } from '../../engine/engine-client';
import type { TraceListener, UiStore } from '../../store';
import { currentLink } from '../../url-sync';
import { paint, plain, styledEvent, TERMINAL_THEME } from './ansi';
import { formatWhyChain } from '../../../console/why-format';
import { isFailure } from '../../../console/trace-format';
import { LineEditor, type EditorEvent } from './line-editor';
import { RunFolder } from '../../../console/fold-runs';
import { profileCommand, transportCommand } from './transport-commands';

export const MAX_LINES_PER_FRAME = 40;
/**
 * The streaming trace is written at most this often: a terminal repaint forces
 * a layout, and text scrolling at 60 Hz is unreadable anyway. Command output is
 * written at once.
 */
const TRACE_FLUSH_INTERVAL_MS = 150;
const PROMPT = '› ';
const PROMPT_WIDTH = 2;

export interface ConsoleServices {
  readonly store: UiStore;
  readonly engine: EngineClient;
  readonly traceListeners: Set<TraceListener>;
  /** The page's address without the query, for `link`. */
  readonly linkBase: () => string;
  readonly copy: (text: string) => Promise<void>;
  readonly randomSeed: () => bigint;
  /** Least time between two writes of the streaming trace (ms); tests use 0. */
  readonly traceFlushIntervalMs?: number;
}

export interface ConsoleStatus {
  readonly filter: string;
  readonly shown: number;
  readonly hidden: number;
}

type Item = { kind: 'event'; event: TraceEvent } | { kind: 'line'; text: string };

export class TerminalConsole {
  private readonly term: Terminal;
  private readonly fit = new FitAddon();
  private readonly editor = new LineEditor(complete);
  private readonly resizeObserver: ResizeObserver;
  private readonly unsubscribeStore: () => void;
  private readonly listener: TraceListener;
  private pending: Item[] = [];
  private pendingEvents = 0;
  private readonly folder = new RunFolder();
  private skipped = 0;
  private frame: number | null = null;
  private writes = 0;
  private disposed = false;
  private filter: TraceFilter | null = null;
  private shown = 0;
  private hidden = 0;
  private sessionKey = '';
  private awaiting: { label: string } | null = null;
  private lastStatus = '';

  constructor(
    container: HTMLElement,
    private readonly services: ConsoleServices,
    private readonly onStatus: (status: ConsoleStatus) => void,
  ) {
    const mono = getComputedStyle(document.documentElement).getPropertyValue('--mono').trim();
    this.term = new Terminal({
      theme: TERMINAL_THEME,
      fontFamily: mono || "'JetBrains Mono', Menlo, Consolas, monospace",
      fontSize: 12,
      lineHeight: 1.15,
      scrollback: 5000,
      // A blinking cursor is motion: keep it still for people who asked for less.
      cursorBlink: !globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches,
      cursorStyle: 'bar',
      cursorInactiveStyle: 'none',
      allowProposedApi: false,
      screenReaderMode: false,
    });
    this.term.loadAddon(this.fit);
    this.term.open(container);
    if (this.term.textarea)
      this.term.textarea.setAttribute(
        'aria-label',
        'Console command line: type help and press Enter',
      );
    this.term.attachCustomKeyEventHandler((e) => this.onKeyEvent(e));
    this.term.onData((data) => this.onInput(data));
    this.fitNow();
    this.resizeObserver = new ResizeObserver(() => this.scheduleFit());
    this.resizeObserver.observe(container);

    const session = services.engine.latest?.session ?? null;
    this.sessionKey = session ? keyOf(session) : '';
    this.pushLine(
      paint('Tidepool console — the live trace, and commands. Click here, type ', 'muted') +
        paint('help', 'cyan') +
        paint(' and press Enter; Esc gives the keys back to the page.', 'muted'),
    );
    if (session) this.pushLine(this.runBanner(session));
    // Events that arrived before we mounted are in the client's mirror: show them first.
    for (const event of services.engine.traceSince(0).events) this.pushEvent(event);
    this.listener = (events, reset) => this.onTrace(events, reset);
    services.traceListeners.add(this.listener);
    this.unsubscribeStore = services.store.subscribe((s) => {
      if (this.awaiting && s.seekProgress === null && !s.pending) {
        const { label } = this.awaiting;
        this.awaiting = null;
        const t = formatUs(s.view?.timeUs ?? 0);
        this.pushLine(
          s.stoppedForViolation
            ? paint(`${label}: stopped at t=${t} — an invariant was violated`, 'red', {
                bold: true,
              })
            : paint(`${label}: now at t=${t}`, 'muted'),
        );
        this.schedule();
      }
    });
    this.flushNow();
  }

  focus(): void {
    this.term.focus();
  }

  dispose(): void {
    this.disposed = true;
    this.services.traceListeners.delete(this.listener);
    this.unsubscribeStore();
    this.resizeObserver.disconnect();
    if (this.frame !== null) cancelAnimationFrame(this.frame);
    this.term.dispose();
  }

  // ---------------------------------------------------------------- trace in

  private onTrace(events: readonly TraceEvent[], reset: boolean): void {
    if (reset) {
      this.pending = [];
      this.pendingEvents = 0;
      this.skipped = 0;
      this.shown = 0;
      this.hidden = 0;
      // The frame being delivered is already the client's latest (the store catches up after us).
      const session = this.services.engine.latest?.session;
      if (!session) return;
      const key = keyOf(session);
      this.pushLine(
        key !== this.sessionKey
          ? this.runBanner(session)
          : paint('── replaying from t=0 (rewind rebuilds the run from its session) ──', 'muted'),
      );
      this.sessionKey = key;
    }
    for (const event of events) this.pushEvent(event);
    this.schedule();
  }

  private pushEvent(event: TraceEvent): void {
    if (!matchesFilter(this.filter, event)) {
      this.hidden++;
      return;
    }
    this.shown++;
    this.pending.push({ kind: 'event', event });
    this.pendingEvents++;
    if (this.pendingEvents > 4 * MAX_LINES_PER_FRAME) this.trim(MAX_LINES_PER_FRAME);
  }

  private pushLine(text: string): void {
    this.pending.push({ kind: 'line', text });
  }

  /** Drops the oldest events (never our own lines, never violations) until at most `keep` remain. */
  private trim(keep: number): void {
    let drop = this.pendingEvents - keep;
    if (drop <= 0) return;
    const kept: Item[] = [];
    for (const item of this.pending) {
      if (drop > 0 && item.kind === 'event' && item.event.kind !== 'invariant_violated') {
        drop--;
        this.skipped++;
        this.pendingEvents--;
      } else kept.push(item);
    }
    this.pending = kept;
  }

  // --------------------------------------------------------------- output

  private lastFlushMs = -Infinity;

  private schedule(): void {
    if (this.frame !== null || this.disposed) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = null;
      const intervalMs = this.services.traceFlushIntervalMs ?? TRACE_FLUSH_INTERVAL_MS;
      if (this.writes > 0 || performance.now() - this.lastFlushMs < intervalMs) this.schedule();
      else this.flushNow();
    });
  }

  /** Writes pending output (capped), then redraws the prompt, in one write. */
  private flushNow(extra: readonly string[] = []): void {
    if (this.disposed) return;
    this.lastFlushMs = performance.now();
    this.trim(MAX_LINES_PER_FRAME);
    const lines: string[] = [];
    let skippedNoted = false;
    // The first line out may rewrite the run summary printed last, one line above the prompt.
    let rewriteLast = false;
    for (const item of this.pending) {
      if (!skippedNoted && this.skipped > 0 && item.kind === 'event') {
        lines.push(this.skippedNote());
        this.folder.interrupt();
        skippedNoted = true;
      }
      if (item.kind === 'line') {
        lines.push(item.text);
        this.folder.interrupt();
        continue;
      }
      // A run of the same event on the same node: two lines, then one summary kept up to date.
      const step = this.folder.next(item.event);
      if (step.kind === 'print') lines.push(styledEvent(item.event));
      else {
        const summary = paint(step.text, 'muted', { dim: false });
        if (!step.replacesLast) lines.push(summary);
        else if (lines.length > 0) lines[lines.length - 1] = summary;
        else {
          rewriteLast = true;
          lines.push(summary);
        }
      }
    }
    if (!skippedNoted && this.skipped > 0) lines.push(this.skippedNote());
    if (extra.length > 0 || (!skippedNoted && this.skipped > 0)) this.folder.interrupt();
    lines.push(...extra);
    this.pending = [];
    this.pendingEvents = 0;
    this.skipped = 0;
    this.emitStatus();
    if (lines.length === 0) return;
    this.writes++;
    const up = rewriteLast ? '\x1b[1A\r\x1b[2K' : ''; // the prompt never wraps (the editor scrolls), so the summary is right above it
    this.term.write(`\r\x1b[2K${up}${lines.join('\r\n')}\r\n${this.promptText()}`, () => {
      this.writes--;
    });
  }

  private skippedNote(): string {
    return paint(
      `… ${this.skipped} event${this.skipped === 1 ? '' : 's'} skipped — too many to print; filter to see them (help filter)`,
      'muted',
      { dim: false },
    );
  }

  private promptText(): string {
    const { text, cursorColumn } = this.editor.render(this.term.cols - PROMPT_WIDTH - 1);
    const back = text.length - cursorColumn;
    return `${paint(PROMPT, 'cyan', { bold: true })}${plain(text)}${back > 0 ? `\x1b[${back}D` : ''}`;
  }

  private redrawPrompt(): void {
    this.term.write(`\r\x1b[2K${this.promptText()}`);
  }

  private emitStatus(): void {
    const status: ConsoleStatus = {
      filter: formatFilter(this.filter),
      shown: this.shown,
      hidden: this.hidden,
    };
    const key = `${status.filter}|${status.hidden > 0}`;
    if (key === this.lastStatus) return;
    this.lastStatus = key;
    this.onStatus(status);
  }

  private runBanner(session: Session): string {
    return paint(
      `── ${session.scenario} · seed ${session.seed} · chaos ${session.chaos}${session.script.length > 0 ? ` · ${session.script.length} scripted interventions` : ''}${session.mutant !== undefined ? ` · MUTANT ${session.mutant} (broken on purpose)` : ''} ──`,
      session.mutant !== undefined ? 'red' : 'cyan',
      { bold: session.mutant !== undefined },
    );
  }

  private fitNow(): void {
    try {
      this.fit.fit();
    } catch {
      // not laid out yet: the ResizeObserver will try again
    }
  }

  private fitFrame: number | null = null;
  private scheduleFit(): void {
    if (this.fitFrame !== null || this.disposed) return;
    this.fitFrame = requestAnimationFrame(() => {
      this.fitFrame = null;
      const cols = this.term.cols;
      this.fitNow();
      if (this.term.cols !== cols) this.redrawPrompt();
    });
  }

  // ----------------------------------------------------------------- input

  private onKeyEvent(e: KeyboardEvent): boolean {
    if (e.type !== 'keydown') return true;
    if (e.key === 'Escape') {
      this.term.blur();
      return false;
    }
    const mod = e.ctrlKey || e.metaKey;
    if (mod && (e.key === 'c' || e.key === 'C') && this.term.hasSelection()) {
      void this.services.copy(this.term.getSelection()).catch(() => undefined);
      return false;
    }
    if (mod && (e.key === 'v' || e.key === 'V')) return false; // let the browser paste (xterm reads the paste event)
    return true;
  }

  private onInput(data: string): void {
    const events = this.editor.feed(data);
    for (const event of events) this.onEditorEvent(event);
    // xterm applies writes in order, so the prompt can always be redrawn at once.
    this.redrawPrompt();
  }

  private onEditorEvent(event: EditorEvent): void {
    switch (event.kind) {
      case 'submit':
        return this.runLine(event.line);
      case 'cancel':
        return this.flushNow([
          `${paint(PROMPT, 'cyan', { bold: true })}${plain(event.line)}${paint('^C', 'muted')}`,
        ]);
      case 'clear-screen':
        this.term.clear();
        this.folder.interrupt();
        return this.redrawPrompt();
      case 'options':
        return this.flushNow([paint(event.options.join('  '), 'muted')]);
    }
  }

  /** Runs a command another panel asked for, as if typed: echoed, so the user learns it. */
  runCommand(line: string): void {
    if (!this.disposed) this.runLine(line);
  }

  /** Echoes the line, runs it, then prints what it produced (after any trace it caused). */
  private runLine(line: string): void {
    const echo = `${paint(PROMPT, 'cyan', { bold: true })}${plain(line)}`;
    // Trace already waiting belongs before the echo.
    this.flushNow([echo]);
    const parsed = parseCommand(line);
    const failed = (error: unknown) => [
      paint(`✗ ${error instanceof Error ? error.message : String(error)}`, 'red'),
    ];
    let out: string[] | Promise<string[]>;
    if ('error' in parsed) out = [paint(`✗ ${parsed.error}`, 'red')];
    else {
      try {
        out = this.execute(parsed);
      } catch (error) {
        out = failed(error);
      }
    }
    // Some answers come from the engine's worker: printed when they arrive.
    if (Array.isArray(out)) this.flushNow(out);
    else
      void out.then(
        (lines) => !this.disposed && this.flushNow(lines),
        (error: unknown) => !this.disposed && this.flushNow(failed(error)),
      );
  }

  /** `t=…` once the engine has carried out what was just sent. */
  private async timeOnceSettled(prefix = ''): Promise<string[]> {
    await this.services.engine.settled();
    return [paint(`${prefix}t=${formatUs(this.services.engine.latest?.timeUs ?? 0)}`, 'muted')];
  }

  // ----------------------------------------------------------- commands

  private execute(cmd: Command): string[] | Promise<string[]> {
    const { store, engine } = this.services;
    const session = () => {
      const current = engine.latest?.session;
      if (!current) throw new Error('the engine has not started yet');
      return current;
    };
    const actions = store.getState().actions;
    const ok = (text: string) => [paint(text, 'green')];
    const note = (text: string) => [paint(text, 'muted')];
    switch (cmd.kind) {
      case 'noop':
        return [];
      case 'help': {
        const help = helpLines(cmd.topic, Math.max(40, this.term.cols - 2));
        if ('error' in help) return [paint(`✗ ${help.error}`, 'red')];
        if (cmd.topic === null)
          return help.lines.map((l, i) =>
            i === help.lines.length - 1 ? paint(l, 'muted') : highlightSummary(l),
          );
        if (cmd.topic === 'all')
          return help.lines.map((l) =>
            /^\S.*:$/.test(l)
              ? paint(l, 'cyan')
              : /^ {2}\S/.test(l)
                ? highlightUsage(l)
                : paint(l, 'muted'),
          );
        return help.lines.map((l, i) => {
          if (i > 0) return paint(l, 'muted');
          const [usage = '', summary = ''] = l.split(' — ');
          const [word = '', ...rest] = usage.split(' ');
          return `${paint(word, 'cyan', { bold: true })} ${plain(rest.join(' '))} ${paint(`— ${summary}`, 'muted')}`;
        });
      }
      case 'step':
        actions.stepEvents(cmd.events);
        return this.timeOnceSettled();
      case 'run':
        actions.stepTime(cmd.durationUs);
        this.awaiting = { label: `run ${formatUs(cmd.durationUs)}` };
        return note(`running to t=${formatUs((engine.latest?.timeUs ?? 0) + cmd.durationUs)}…`);
      case 'seek':
        actions.seek(cmd.timeUs);
        this.awaiting = { label: `seek ${formatUs(cmd.timeUs)}` };
        return [];
      case 'play':
        actions.play();
        return note('playing — type pause, or press Esc and then space');
      case 'pause':
        actions.pause();
        return this.timeOnceSettled('paused at ');
      case 'intervene': {
        const error = actions.apply(cmd.action);
        if (error) return [paint(`✗ ${error}`, 'red')];
        return engine
          .settled()
          .then(() =>
            ok(
              `✓ ${describeIntervention(cmd.action)} at t=${formatUs(engine.latest?.timeUs ?? 0)} (recorded in the session and the link)`,
            ),
          );
      }
      case 'seed': {
        const current = session();
        if (cmd.seed === null) return [plain(`seed ${current.seed}`)];
        const seed = cmd.seed === 'random' ? this.services.randomSeed() : cmd.seed;
        // A mutant stays: trying it under another seed is the point of a sweep.
        return this.load({
          scenario: current.scenario,
          seed,
          chaos: current.chaos,
          params: current.params,
          mutant: current.mutant ?? null,
          transport: transportInput(current),
        });
      }
      case 'scenario': {
        const current = session();
        if (cmd.id === null) {
          const width = Math.max(...SCENARIOS.map((s) => s.id.length));
          return SCENARIOS.map(
            (s) =>
              `${s.id === current.scenario ? paint('●', 'cyan') : ' '} ${paint(s.id.padEnd(width), 'cyan')}  ${plain(s.title)}`,
          );
        }
        return this.load({
          scenario: cmd.id,
          seed: current.seed,
          transport: transportInput(current),
        });
      }
      case 'chaos': {
        const current = session();
        if (cmd.preset === null)
          return [
            CHAOS_PRESETS.map((p) =>
              p === current.chaos ? paint(`[${p}]`, 'cyan') : plain(p),
            ).join('  '),
          ];
        return this.load({
          scenario: current.scenario,
          seed: current.seed,
          chaos: cmd.preset,
          params: current.params,
          mutant: current.mutant ?? null,
          transport: transportInput(current),
        });
      }
      case 'mutant':
        return this.mutant(cmd.id);
      case 'profile':
        return profileCommand(session(), cmd.id, (next) => this.reloadHere(next));
      case 'transport':
        return transportCommand(session(), cmd.knobs, (next) => this.reloadHere(next));
      case 'why':
        return this.why(cmd.seq);
      case 'hash':
        return engine.settled().then(() => {
          const frame = engine.latest;
          if (!frame) return note('the engine has not started yet');
          return [
            `${paint('hash', 'muted')} ${paint(frame.traceHash, 'cyan', { bold: true })}  ${paint(`at t=${formatUs(frame.timeUs)} after ${frame.simEvents} events (${frame.traceLength} trace events)`, 'muted')}`,
          ];
        });
      case 'link': {
        const link = currentLink(store, this.services.linkBase());
        this.services.copy(link).then(
          () => this.flushNow([paint('(copied to the clipboard)', 'muted')]),
          () => undefined,
        );
        return [plain(link)];
      }
      case 'clear':
        this.term.clear();
        this.folder.interrupt();
        this.pending = [];
        this.pendingEvents = 0;
        this.skipped = 0;
        return [];
      case 'filter': {
        if (cmd.show)
          return [
            plain(`filter: ${formatFilter(this.filter)}`),
            ...note(`${this.shown} shown, ${this.hidden} hidden since the run started`),
          ];
        this.filter = cmd.filter;
        return this.refilter();
      }
    }
  }

  /** Prints the chain behind event `seq` (or the latest failure) and opens it in the Why? panel. */
  private async why(seq: number | null): Promise<string[]> {
    const { engine, store } = this.services;
    await engine.settled();
    const target = seq ?? latestFailure(engine.traceSince(0).events);
    if (target === null) return [paint('no failure yet — give an event number: why 109', 'muted')];
    // The store asks the engine once (it may replay the run) and opens the panel; the console prints it.
    const chain = await store.getState().actions.explain(target);
    if (chain === null) store.getState().actions.closeWhy();
    if (chain === null)
      return [
        paint(
          `why: event #${target} has not happened in this run (it has ${engine.latest?.traceLength ?? 0} events so far)`,
          'red',
        ),
      ];
    const [summary = '', ...rest] = formatWhyChain(chain);
    return [
      paint(summary, 'cyan', { bold: true }),
      ...rest.map((l) => (l.startsWith('  (') ? paint(l, 'muted') : plain(l))),
    ];
  }

  /**
   * `mutant`: the catalogue, the active one marked; `mutant <id>` / `mutant off`:
   * the same session (scenario, seed, chaos, parameters, script) with or
   * without that mutant, from t=0. Asking for what is already running changes nothing.
   */
  private mutant(id: MutantId | 'off' | null): string[] {
    const session = this.services.engine.latest?.session;
    if (!session) return [paint('the engine has not started yet', 'muted')];
    const active = session.mutant ?? null;
    if (id === null) {
      const width = Math.max(...MUTANTS.map((m) => m.id.length));
      return [
        ...MUTANTS.map(
          (m) =>
            `${m.id === active ? paint('●', 'red') : ' '} ${paint(m.id.padEnd(width), m.id === active ? 'red' : 'cyan', { bold: m.id === active })}  ${plain(m.breaks)}`,
        ),
        active === null
          ? paint(
              'No mutant: this is the real transport. mutant <id> runs this session with one.',
              'muted',
            )
          : paint(
              `Active: ${active} — broken on purpose; should be caught by "${findMutant(active)?.caughtBy ?? '?'}". mutant off runs the real transport.`,
              'red',
            ),
      ];
    }
    const next = id === 'off' ? null : id;
    if (next === active)
      return [
        paint(
          next === null
            ? 'No mutant is active: this is already the real transport.'
            : `Mutant ${next} is already active.`,
          'muted',
        ),
      ];
    const out = this.load({
      scenario: session.scenario,
      seed: session.seed,
      chaos: session.chaos,
      params: session.params,
      script: session.script,
      mutant: next,
      transport: transportInput(session),
    });
    if (out.length > 0) return out;
    return [
      next === null
        ? paint('✓ mutant off: the same session on the real transport, from t=0', 'green')
        : paint(
            `✓ mutant ${next}: the same session on a transport broken on purpose, from t=0 — watch the invariants`,
            'green',
          ),
    ];
  }

  /** The same moment of a changed session (transport settings apply from t = 0: a replay). */
  private reloadHere(next: Session): void {
    this.services.store.getState().actions.load(next, this.services.engine.latest?.timeUs ?? 0);
  }

  private load(input: Parameters<typeof makeSession>[0]): string[] {
    const made = makeSession(input);
    if (!made.ok) return made.errors.map((e) => paint(`✗ ${e}`, 'red'));
    this.services.store.getState().actions.load(made.session, 0);
    return [];
  }

  /** Re-reads the engine's recent trace through the new filter (the last MAX_LINES_PER_FRAME matches). */
  private refilter(): string[] {
    this.pending = [];
    this.pendingEvents = 0;
    this.skipped = 0;
    this.shown = 0;
    this.hidden = 0;
    const { events, evicted } = this.services.engine.traceSince(0);
    this.pushLine(
      paint(
        `── filter: ${formatFilter(this.filter)} — recent matching events${evicted > 0 ? ` (the oldest ${evicted} events are no longer kept)` : ''} ──`,
        'cyan',
      ),
    );
    for (const e of events) this.pushEvent(e);
    return [];
  }
}

function keyOf(session: Session): string {
  return `${session.scenario}|${session.seed}|${session.chaos}|${JSON.stringify(session.params)}|${session.mutant ?? ''}`;
}

/** "time     step [n] · run <duration> · …" with the group muted and command words coloured. */
function highlightSummary(line: string): string {
  const m = /^(\S*)(\s+)(.*)$/.exec(line);
  if (!m) return plain(line);
  const usages = (m[3] as string).split(' · ').map((u) => {
    const [word = '', ...rest] = u.split(' ');
    return `${paint(word, 'cyan')}${rest.length > 0 ? ` ${plain(rest.join(' '))}` : ''}`;
  });
  return `${paint(m[1] as string, 'muted')}${m[2]}${usages.join(paint(' · ', 'muted'))}`;
}

/** "  partition <a> <b>   summary" with the command word coloured. */
function highlightUsage(line: string): string {
  const m = /^( {2})(\S+)(.*?)( {2,})(.*)$/.exec(line);
  if (!m) return plain(line);
  return `${m[1]}${paint(m[2] as string, 'cyan')}${plain(m[3] as string)}${m[4]}${paint(m[5] as string, 'muted')}`;
}

/** Seq of the newest failure still in the ring (a failed call, a reset, a violation…), or null. */
function latestFailure(events: readonly TraceEvent[]): number | null {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i] as TraceEvent;
    if (isFailure(e.kind)) return e.seq;
  }
  return null;
}
