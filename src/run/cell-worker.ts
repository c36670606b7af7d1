/**
 * Worker-thread entry: starts its own tfjs engine (wasm threads do not work in Node,
 * so parallelism is one engine per worker), then drains the queues it is sent.
 * Protocol: workerData = { backend }, the backend the main thread runs, which this
 * worker must run too (no fallback: results must not depend on the thread); posts
 * { ready } or { unavailable, message } once. Each DrainRequest is answered with
 * { started, index } and { done, index, finished } per cell it claims from the shared
 * cursor, then { drained }; or, when a cell fails, { failed, index, message } after
 * stopping the cursor.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { BackendName } from '../compute/backend-names.js';
import { initBackend } from '../compute/backend.js';
import type { CellTask } from './cell-task.js';
import { type DrainEvents, thisThread } from './cell-runner.js';
import type { SharedCursor } from './shared-cursor.js';

export interface DrainRequest {
  readonly tasks: readonly CellTask[];
  readonly cursor: SharedCursor;
}

const port = parentPort;
if (!port) throw new Error('cell-worker.ts runs only as a worker thread');

function message(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

/** This thread's drain loop (the main thread runs the same), its events posted as replies. */
function drain({ tasks, cursor }: DrainRequest, reply: (message: unknown) => void): void {
  let current = -1;
  const events: DrainEvents = {
    beforeClaim: () => {},
    started: (index) => {
      current = index;
      reply({ type: 'started', index });
    },
    finished: (index, finished) => reply({ type: 'done', index, finished }),
  };
  thisThread.drain(tasks, cursor, events).then(
    () => reply({ type: 'drained' }),
    (error: unknown) => reply({ type: 'failed', index: current, message: message(error) }),
  );
}

try {
  const requested = (workerData as { backend: BackendName }).backend;
  const backend = await initBackend(requested);
  if (backend.name !== requested) throw new Error(`a worker could not start the '${requested}' backend that the main thread runs (${backend.fallbackReason}); use --jobs 1`);
  port.on('message', (request: DrainRequest) => drain(request, (reply) => port.postMessage(reply)));
  port.postMessage({ type: 'ready' });
} catch (error) {
  port.postMessage({ type: 'unavailable', message: error instanceof Error ? error.message : String(error) });
}
