/*
 * Two ends of the engine's message API in one thread, delivered only when
 * asked (`drain`), each message structured-cloned as a real port would. Unit
 * tests drive the store, the console and the client through exactly the
 * protocol the worker speaks, synchronously and deterministically. Not used
 * by the page (it has a Worker, or a MessageChannel as fallback).
 */
import { EngineClient } from './engine-client';
import { serveEngine } from './engine-service';
import type { Port } from './protocol';

export interface Loopback {
  readonly client: EngineClient;
  /** Delivers messages and runs scheduled work until nothing is left (or `maxSteps`). */
  drain(maxSteps?: number): void;
  /** Wall-clock ms the service sees; tests move it. */
  clock: { ms: number };
  close(): void;
}

export function loopback(onError?: (message: string) => void): Loopback {
  const queue: (() => void)[] = [];
  const clock = { ms: 0 };
  const end = (): Port & { other?: Port } => ({
    onmessage: null,
    postMessage(message: unknown) {
      const copy = structuredClone(message);
      queue.push(() => this.other?.onmessage?.({ data: copy } as MessageEvent));
    },
  });
  const page = end();
  const worker = end();
  page.other = worker;
  worker.other = page;
  const close = serveEngine(worker, {
    // Each reading moves time on a little, so budgets end and seeks progress in slices.
    now: () => (clock.ms += 0.01),
    schedule: (callback) => queue.push(callback),
    historyQuietMs: 0, // no timers here: drain() delivers everything there is
    historyRestMs: 0,
  });
  const client = new EngineClient(page, (callback) => queue.push(callback), onError);
  return {
    client,
    clock,
    close,
    drain(maxSteps = 1_000_000) {
      for (let i = 0; i < maxSteps && queue.length > 0; i++) (queue.shift() as () => void)();
    },
  };
}
