/*
 * A pool of explore workers: `hardwareConcurrency − 1` of them by default (one
 * core stays with the page and its own engine), each given up to two tasks at
 * a time so it never waits for the page between tasks. `run` resolves with a
 * task's result; `cancel(tag)` ends the tasks of one search (a restarted
 * probe must not wait behind its old branches) and `cancel()` all of them —
 * a run cannot be interrupted, so a worker running a cancelled task is ended
 * and its other tasks go back to the queue. A worker that dies fails only its
 * own tasks; one that dies before ever answering (the script would not load)
 * sends the pool to run tasks on this thread instead, one per macrotask, so
 * the page stays responsive. Knows nothing of what tasks mean.
 */
import type { ExploreReply, ExploreRequest, ExploreResult, ExploreTask } from './explore-protocol';
import { serveTask } from './explore-service';

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

interface Pending {
  readonly request: ExploreRequest;
  readonly tag: string;
  readonly resolve: (result: ExploreResult) => void;
  readonly reject: (error: Error) => void;
  readonly progress?: (runs: number) => void;
}

interface Slot {
  worker: Worker | null;
  /** The worker has answered at least once (it loaded). */
  answered: boolean;
  readonly inFlight: Map<number, Pending>;
  /** Tasks run on this thread (no workers): their timers, to cancel. */
  readonly timers: Map<number, ReturnType<typeof setTimeout>>;
}

const IN_FLIGHT_PER_WORKER = 2;

/** Workers for a machine: one core left for the page, at least one. */
export function defaultWorkers(): number {
  const cores = typeof navigator !== 'undefined' ? (navigator.hardwareConcurrency ?? 2) : 2;
  return Math.max(1, cores - 1);
}

export class WorkerPool {
  private readonly slots: Slot[];
  private readonly queue: Pending[] = [];
  private nextId = 1;
  /** True when workers could not start: tasks run on the page's thread. */
  inPage = false;

  constructor(
    readonly size = defaultWorkers(),
    private readonly makeWorker: () => Worker = () =>
      new Worker(new URL('./explore-worker.ts', import.meta.url), {
        type: 'module',
        name: 'tidepool-explore',
      }),
  ) {
    this.slots = Array.from({ length: size }, () => ({
      worker: null,
      answered: false,
      inFlight: new Map<number, Pending>(),
      timers: new Map<number, ReturnType<typeof setTimeout>>(),
    }));
  }

  /** Runs a task; `tag` names the search it belongs to, for `cancel(tag)`. */
  run(task: ExploreTask, progress?: (runs: number) => void, tag = ''): Promise<ExploreResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, task }, tag, resolve, reject, progress });
      this.feed();
    });
  }

  /** Ends the tasks tagged `tag` (every task without one), queued or running: they reject with Cancelled. */
  cancel(tag?: string): void {
    const hit = (p: Pending) => tag === undefined || p.tag === tag;
    const dropped = this.queue.filter(hit);
    this.queue.splice(0, this.queue.length, ...this.queue.filter((p) => !hit(p)));
    const requeue: Pending[] = [];
    for (const slot of this.slots) {
      const mine = [...slot.inFlight.values()];
      if (!mine.some(hit)) continue;
      for (const [id, timer] of slot.timers)
        if (hit(slot.inFlight.get(id) as Pending)) clearTimeout(timer);
      if (slot.worker) this.end(slot);
      for (const p of mine) (hit(p) ? dropped : requeue).push(p);
      slot.inFlight.clear();
      slot.timers.clear();
    }
    this.queue.unshift(...requeue);
    for (const p of dropped) p.reject(new Cancelled());
    this.feed();
  }

  dispose(): void {
    this.cancel();
  }

  private feed(): void {
    for (const slot of this.slots) {
      while (this.queue.length > 0 && slot.inFlight.size < IN_FLIGHT_PER_WORKER) {
        const next = this.queue.shift() as Pending;
        slot.inFlight.set(next.request.id, next);
        this.send(slot, next.request);
      }
    }
  }

  private send(slot: Slot, request: ExploreRequest): void {
    if (!this.inPage && slot.worker === null) this.start(slot);
    if (slot.worker) {
      slot.worker.postMessage(request);
      return;
    }
    const timer = setTimeout(() => {
      slot.timers.delete(request.id);
      serveTask(request, (reply) => this.receive(slot, reply));
    }, 0);
    slot.timers.set(request.id, timer);
  }

  private start(slot: Slot): void {
    let worker: Worker;
    try {
      worker = this.makeWorker();
    } catch {
      this.inPage = true;
      return;
    }
    slot.worker = worker;
    slot.answered = false;
    // Events of a worker already replaced must not touch its successor.
    worker.onmessage = (e: MessageEvent<ExploreReply>) => {
      if (slot.worker !== worker) return;
      slot.answered = true;
      this.receive(slot, e.data);
    };
    worker.onerror = (e) => {
      e.preventDefault();
      if (slot.worker === worker) this.crashed(slot, e.message || 'the worker failed');
    };
    worker.onmessageerror = () => {
      if (slot.worker === worker) this.crashed(slot, 'a message from the worker could not be read');
    };
  }

  private end(slot: Slot): void {
    slot.worker?.terminate();
    slot.worker = null;
  }

  private receive(slot: Slot, reply: ExploreReply): void {
    const p = slot.inFlight.get(reply.id);
    if (p === undefined) return; // cancelled meanwhile
    if ('progress' in reply) {
      p.progress?.(reply.progress);
      return;
    }
    slot.inFlight.delete(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
    this.feed();
  }

  private crashed(slot: Slot, message: string): void {
    const neverLoaded = !slot.answered;
    this.end(slot);
    const mine = [...slot.inFlight.values()];
    slot.inFlight.clear();
    if (neverLoaded) {
      // The worker's script never ran (blocked, or failed to load): run here instead.
      this.inPage = true;
      this.queue.unshift(...mine);
    } else for (const p of mine) p.reject(new Error(`an explore worker crashed: ${message}`));
    this.feed();
  }
}
