/*
 * What an explore worker does with a task: runs the sessions with the same
 * core functions as the CLI (runSession, firstViolation, shrink), so a seed's
 * trace hash in the page equals `tidepool sweep`'s. A run that throws becomes
 * an error reply naming the seed, never a dead worker. Knows nothing of
 * threads: explore-worker.ts binds it to a worker's port.
 */
import { firstViolation, runSession } from '../../core/explore/run-seed';
import { shrink } from '../../core/explore/shrink';
import { seedOutcome } from '../../core/explore/sweep-result';
import { firstViolationWhy, whyJson } from '../../console/why-chain';
import type { ExploreReply, ExploreRequest, ExploreResult } from './explore-protocol';

export function serveTask(request: ExploreRequest, post: (reply: ExploreReply) => void): void {
  const { id, task } = request;
  try {
    post({ id, result: runTask(request, (runs) => post({ id, progress: runs })) });
  } catch (error) {
    const what = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    post({ id, error: `${task.kind === 'seeds' ? 'a seed' : 'a run'} crashed: ${what}` });
  }
}

function runTask({ task }: ExploreRequest, progress: (runs: number) => void): ExploreResult {
  switch (task.kind) {
    case 'seeds':
      return {
        kind: 'outcomes',
        outcomes: task.seeds.map((seed) => {
          try {
            return seedOutcome(runSession({ ...task.base, seed }, task.untilUs));
          } catch (error) {
            throw new Error(
              `seed ${seed}: ${error instanceof Error ? error.message : String(error)}`,
              { cause: error },
            );
          }
        }),
      };
    case 'sessions':
      return {
        kind: 'outcomes',
        outcomes: task.sessions.map((s) => seedOutcome(runSession(s, task.untilUs))),
      };
    case 'firsts':
      return { kind: 'firsts', firsts: task.sessions.map((s) => firstViolation(s, task.untilUs)) };
    case 'shrink':
      return {
        kind: 'shrink',
        shrink: shrink(task.session, task.untilUs, firstViolation, progress),
      };
    case 'why': {
      const chain = firstViolationWhy(task.session, { violations: [task.violation] }, task.untilUs);
      return { kind: 'why', why: chain && whyJson(chain) };
    }
  }
}
