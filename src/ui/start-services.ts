/*
 * Starts one engine and what the page keeps of it: the engine in a Web Worker
 * (or, where workers are unavailable or `?engine=main` asks for it, the same
 * service on this thread over a MessageChannel), its client, the store and
 * the trace listeners — an AppServices. The playground starts one; the
 * compare view two, one per run. Knows nothing of what is rendered.
 */
import { EngineClient } from './engine/engine-client';
import { serveEngine } from './engine/engine-service';
import type { Port } from './engine/protocol';
import { createUiStore, type TraceListener, type UiStore } from './store';
import type { AppServices } from './app-context';

export type EngineThread = 'worker' | 'main';

/** Where the engine runs: 'worker' unless `asked` is 'main' or workers fail to start. */
function enginePort(asked: string | null, name: string): { port: Port; where: EngineThread } {
  if (asked !== 'main') {
    try {
      const worker = new Worker(new URL('./engine/engine-worker.ts', import.meta.url), {
        type: 'module',
        name,
      });
      return { port: worker as unknown as Port, where: 'worker' };
    } catch {
      // Fall through: the same service, on this thread.
    }
  }
  const channel = new MessageChannel();
  serveEngine(channel.port2 as unknown as Port);
  return { port: channel.port1 as unknown as Port, where: 'main' };
}

export function startServices(
  name: string,
  search: string,
): { services: AppServices; where: EngineThread } {
  const { port, where } = enginePort(new URLSearchParams(search).get('engine'), name);
  let store: UiStore | null = null;
  const engine = new EngineClient(
    port,
    (callback) => requestAnimationFrame(callback),
    (message) => store?.getState().actions.notify(`The engine refused that: ${message}`),
  );
  const traceListeners = new Set<TraceListener>();
  store = createUiStore(engine, traceListeners);
  return { services: { store, engine, traceListeners }, where };
}
