/*
 * An explore Web Worker's entry: answers each task (explore-protocol.ts) in
 * turn. Everything else is in explore-service.ts.
 */
import type { ExploreReply, ExploreRequest } from './explore-protocol';
import { serveTask } from './explore-service';

const scope = self as unknown as {
  onmessage: ((e: MessageEvent<ExploreRequest>) => void) | null;
  postMessage(reply: ExploreReply): void;
};
scope.onmessage = (e) => serveTask(e.data, (reply) => scope.postMessage(reply));
