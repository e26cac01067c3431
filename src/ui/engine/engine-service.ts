/*
 * The engine's side of the message API (protocol.ts): takes commands off a
 * port, drives the EngineHost between them, and sends frames, replies and
 * history. Frames are paced by the page: after one frame the next waits for
 * its `ack` (sent when the page has drawn), so a slow page skips intermediate
 * views instead of queueing them — trace events are never skipped, they ride
 * with the next frame. Seeks run in slices of SLICE_MS so a newer command
 * (another seek, a pause) is read between slices and wins. Runs in the worker
 * (engine-worker.ts), in the page as a fallback, and in unit tests over a
 * MessageChannel. Knows nothing of the DOM or React.
 */
import { exportSessionTrace } from '../../core/export/export-session';
import type { TraceEvent } from '../../core/sim';
import { explain } from '../../core/why';
import { compareRuns, summarizeComparison } from '../../core/compare/compare-runs';
import { EngineHost } from './engine-host';
import { Backfill } from './history';
import type { Answers, Command, Port, Question, Report } from './protocol';

/** Wall ms of engine work between looks at the mailbox. */
const SLICE_MS = 12;
/** History is replayed in the gaps, in shorter slices: the cursor's work comes first. */
const HISTORY_SLICE_MS = 6;
/**
 * History is replayed only once the page has been quiet this long (wall ms):
 * on two cores the replay competed with the seek the user just asked for.
 */
const HISTORY_QUIET_MS = 300;
/**
 * History rests this long after each slice (wall ms), so it takes about 20%
 * of a core: at full speed on two cores it starved the compositor, and the
 * page's commits waited 50–140 ms (Chromium trace of a 10-minute link).
 */
const HISTORY_REST_MS = 25;
/** Events per history message (a bounded piece of work for the page to take in). */
const HISTORY_BATCH = 1000;

interface HistoryJob {
  /** The id of the command that asked. */
  readonly request: number;
  readonly backfill: Backfill;
  batch: TraceEvent[];
}

export interface ServiceClock {
  /** Wall-clock ms (performance.now in the browser). */
  readonly now?: () => number;
  /** Runs `callback` soon, after pending messages (a MessageChannel post by default). */
  readonly schedule?: (callback: () => void) => void;
  /** How long history waits after the page's last command (HISTORY_QUIET_MS by default). */
  readonly historyQuietMs?: number;
  /** How long history rests after each slice (HISTORY_REST_MS by default). */
  readonly historyRestMs?: number;
}

/** Serves one page on `port` until the returned function is called. */
export function serveEngine(port: Port, clock: ServiceClock = {}): () => void {
  const now = clock.now ?? (() => performance.now());
  const schedule = clock.schedule ?? channelScheduler();
  const host = new EngineHost(now);
  let frameCredit = true;
  let historyCredit = true;
  /** History asked for, served in order (one batch in flight at a time). */
  let history: HistoryJob[] = [];
  /**
   * `settled` questions waiting: answered once no seek is pending and frames
   * have carried every event up to where the seek ended (`untilSeq`, set then).
   * Playing on adds events; those do not hold the answer back.
   */
  const settledWaiters: { id: number; untilSeq: number | null }[] = [];
  let scheduled = false;
  /** When the page last sent a command (wall ms): history waits HISTORY_QUIET_MS after it. */
  let lastCommandMs = -Infinity;
  let historyTimer: ReturnType<typeof setTimeout> | null = null;
  /** History rests between slices until then (wall ms): the compositor needs a core too. */
  let historyNotBefore = -Infinity;
  const historyQuietMs = clock.historyQuietMs ?? HISTORY_QUIET_MS;
  const historyRestMs = clock.historyRestMs ?? HISTORY_REST_MS;
  let closed = false;

  const post = (report: Report) => port.postMessage(report);
  const sendFrame = (force: boolean) => {
    if (!frameCredit && !force) return;
    const frame = host.frame();
    if (frame === null) return;
    post({ type: 'frame', frame });
    frameCredit = false;
  };
  const reply = (id: number, answer: unknown, error: string | null = null) => {
    sendFrame(true); // the page sees the state the answer is about before the answer
    post({ type: 'reply', id, answer, error });
  };

  function wake(): void {
    if (scheduled || closed) return;
    scheduled = true;
    schedule(loop);
  }

  function answerSettled(): void {
    if (host.seeking || settledWaiters.length === 0) return;
    const length = host.current?.sim.trace.length ?? 0;
    for (const waiter of [...settledWaiters]) {
      waiter.untilSeq ??= length;
      if (host.sentThrough < waiter.untilSeq && host.backlog > 0) continue;
      settledWaiters.splice(settledWaiters.indexOf(waiter), 1);
      reply(waiter.id, null);
    }
  }

  function ask(id: number, question: Question): void {
    if (question.kind === 'settled') {
      settledWaiters.push({ id, untilSeq: null });
      answerSettled();
      return;
    }
    if (question.kind === 'compare') {
      const { a, b, untilUs } = question;
      try {
        const answer: Answers['compare'] = summarizeComparison(compareRuns(a, b, untilUs));
        return reply(id, answer);
      } catch (error) {
        return reply(id, null, error instanceof Error ? error.message : String(error));
      }
    }
    host.finishSeek(); // both are about the run as it stands at the cursor
    const engine = host.current;
    if (engine === null) return reply(id, null, 'no session loaded yet');
    if (question.kind === 'explain') {
      const answer: Answers['explain'] = explain(engine, question.seq);
      return reply(id, answer);
    }
    const session = engine.session();
    const parts: string[] = [];
    // Exactly the events the viewer has run (a Step may have stopped between two events of one instant).
    exportSessionTrace(session, engine.nowUs(), (chunk) => void parts.push(chunk), {
      finish: false,
      atEvents: engine.sim.events,
    });
    const answer: Answers['export'] = {
      name: `tidepool-${session.scenario}-seed${session.seed}-${session.chaos}-${Math.round(engine.nowUs() / 1000)}ms.json`,
      json: parts.join(''),
    };
    reply(id, answer);
  }

  function handle(command: Command): void {
    if (command.type === 'ack') {
      frameCredit = true;
      return;
    }
    if (command.type === 'history-ack') {
      historyCredit = true;
      return;
    }
    host.lastCommand = Math.max(host.lastCommand, command.id);
    lastCommandMs = now();
    host.touch();
    switch (command.type) {
      case 'load':
        history = [];
        return host.load(
          command.session,
          command.atUs,
          command.atEvents,
          command.throughViolations === true,
        );
      case 'play':
        return host.play(command.untilUs);
      case 'pause':
        return host.pause();
      case 'speed':
        return host.setSpeed(command.simUsPerWallSecond);
      case 'pacing':
        return host.setPacing(command.choice);
      case 'step':
        return host.step(command.events);
      case 'seek':
        return host.seek(
          command.relative ? host.destinationUs() + command.timeUs : command.timeUs,
          command.throughViolations,
        );
      case 'apply':
        return host.apply(command.action);
      case 'watch-packet':
        return host.watchPacket(command.packetId);
      case 'ask':
        return ask(command.id, command.question);
      case 'history': {
        const session = host.current?.session();
        if (session === undefined || command.epoch !== host.epoch) {
          // Asked of a run that is no longer at the cursor: nothing to give.
          post({ type: 'history', request: command.id, events: [], done: true });
          return;
        }
        const job: HistoryJob = {
          request: command.id,
          backfill: new Backfill(
            session,
            command.untilSeq,
            (events) => job.batch.push(...events),
            command.fromSeq,
          ),
          batch: [],
        };
        history.push(job);
        return;
      }
      case 'cancel-history':
        history = history.filter((job) => job.request !== command.request);
        return;
    }
  }

  function stepHistory(job: HistoryJob): void {
    const done = job.backfill.step(HISTORY_SLICE_MS, now);
    if (job.batch.length < HISTORY_BATCH && !done) return;
    post({ type: 'history', request: job.request, events: job.batch, done });
    job.batch = [];
    historyCredit = false;
    if (done) history = history.filter((j) => j !== job);
  }

  function loop(): void {
    scheduled = false;
    if (closed) return;
    host.work(SLICE_MS);
    sendFrame(false);
    answerSettled();
    const job = history[0];
    const historyWaitMs = () => Math.max(lastCommandMs + historyQuietMs, historyNotBefore) - now();
    if (job !== undefined && historyCredit && !host.seeking && historyWaitMs() <= 0) {
      stepHistory(job);
      historyNotBefore = now() + historyRestMs;
    }
    // A seek goes on by itself; playing, and a backlog of events, go on when the page acks a frame;
    // history goes on after its rest (or when the page acks its batch).
    if (host.seeking && host.canWork) return wake();
    if (history.length === 0 || !historyCredit || host.seeking || host.busy) return;
    const waitMs = historyWaitMs();
    if (waitMs <= 0) wake();
    else if (historyTimer === null)
      historyTimer = setTimeout(() => {
        historyTimer = null;
        wake();
      }, waitMs);
  }

  port.onmessage = (event: MessageEvent) => {
    const command = event.data as Command;
    try {
      handle(command);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (command.type === 'ask') reply(command.id, null, message);
      else post({ type: 'error', message });
    }
    wake();
  };
  return () => {
    closed = true;
    port.onmessage = null;
    if (historyTimer !== null) clearTimeout(historyTimer);
  };
}

/** A zero-delay continuation that does not starve messages (setTimeout(0) is clamped to 4 ms when nested). */
function channelScheduler(): (callback: () => void) => void {
  const channel = new MessageChannel();
  // In Node (tests) an idle port must not keep the process alive.
  (channel.port1 as { unref?: () => void }).unref?.();
  let queued: (() => void)[] = [];
  channel.port1.onmessage = () => {
    const run = queued;
    queued = [];
    for (const callback of run) callback();
  };
  return (callback) => {
    queued.push(callback);
    if (queued.length === 1) channel.port2.postMessage(0);
  };
}
