/*
 * A pool of explore workers: `hardwareConcurrency − 1` of them by default (one
 * core stays with the page and its own engine), each given up to two tasks at
 * a time so it never waits for the page between tasks. `run` resolves with a
 * task's result; `cancel` ends everything in flight (workers are terminated —
 * a run cannot be interrupted any other way — and new ones start on the next
 * task). Where workers cannot start, tasks run on this thread, one per
 * macrotask, so the page stays responsive. Knows nothing of what tasks mean.
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
  readonly resolve: (result: ExploreResult) => void;
  readonly reject: (error: Error) => void;
  readonly progress?: (runs: number) => void;
}

interface Slot {
  worker: Worker | null;
  readonly inFlight: Set<number>;
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
  private readonly pending = new Map<number, Pending>();
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
      inFlight: new Set<number>(),
    }));
  }

  run(task: ExploreTask, progress?: (runs: number) => void): Promise<ExploreResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ request: { id: this.nextId++, task }, resolve, reject, progress });
      this.feed();
    });
  }

  /** Ends every task queued or in flight (their promises reject with Cancelled). */
  cancel(): void {
    const dropped = [...this.queue.splice(0), ...this.pending.values()];
    this.pending.clear();
    for (const slot of this.slots) {
      slot.worker?.terminate();
      slot.worker = null;
      slot.inFlight.clear();
    }
    for (const p of dropped) p.reject(new Cancelled());
  }

  dispose(): void {
    this.cancel();
  }

  private feed(): void {
    for (const slot of this.slots) {
      while (this.queue.length > 0 && slot.inFlight.size < IN_FLIGHT_PER_WORKER) {
        const next = this.queue.shift() as Pending;
        this.pending.set(next.request.id, next);
        slot.inFlight.add(next.request.id);
        this.send(slot, next.request);
      }
    }
  }

  private send(slot: Slot, request: ExploreRequest): void {
    if (!this.inPage && slot.worker === null) {
      try {
        const worker = this.makeWorker();
        worker.onmessage = (e: MessageEvent<ExploreReply>) => this.receive(slot, e.data);
        worker.onerror = (e) => this.crashed(slot, e.message || 'the worker failed to start');
        slot.worker = worker;
      } catch {
        this.inPage = true;
      }
    }
    if (slot.worker) slot.worker.postMessage(request);
    else setTimeout(() => serveTask(request, (reply) => this.receive(slot, reply)), 0);
  }

  private receive(slot: Slot, reply: ExploreReply): void {
    const p = this.pending.get(reply.id);
    if (p === undefined) return; // cancelled meanwhile
    if ('progress' in reply) {
      p.progress?.(reply.progress);
      return;
    }
    this.pending.delete(reply.id);
    slot.inFlight.delete(reply.id);
    if ('error' in reply) p.reject(new Error(reply.error));
    else p.resolve(reply.result);
    this.feed();
  }

  private crashed(slot: Slot, message: string): void {
    slot.worker?.terminate();
    slot.worker = null;
    for (const id of slot.inFlight) {
      this.pending.get(id)?.reject(new Error(`an explore worker crashed: ${message}`));
      this.pending.delete(id);
    }
    slot.inFlight.clear();
    this.feed();
  }
}
