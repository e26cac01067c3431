/*
 * A `tidepool sweep` worker thread (started through bin/sweep-worker.mjs,
 * which registers tsx first): receives batches of seeds, runs each with the
 * session template it was started with, and answers with the per-seed
 * outcomes — or with the seed whose run threw.
 */
import { parentPort, workerData } from 'node:worker_threads';
import {
  runBatch,
  seedTracker,
  SweepCrash,
  type Batch,
  type WorkerInit,
  type WorkerReply,
} from './sweep-runner';
import { runSession } from './run-command';

const port = parentPort;
if (port === null) throw new Error('sweep-worker.ts must run in a worker thread');
const init = workerData as WorkerInit;
const tracker = seedTracker(init.current);

port.on('message', (batch: Batch) => {
  let reply: WorkerReply;
  try {
    reply = {
      id: batch.id,
      outcomes: runBatch(init.base, init.untilUs, batch, runSession, tracker),
    };
  } catch (error) {
    if (!(error instanceof SweepCrash) || error.seed === null) throw error; // the main thread sees it as a crash
    reply = {
      id: batch.id,
      crash: { seed: error.seed, detail: error.detail, replay: error.replay },
    };
  }
  port.postMessage(reply);
});
