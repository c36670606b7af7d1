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
import { type BackendName, initBackend } from '../compute/backend.js';
import { type CellTask, fromCellTask, runCell } from './cell-task.js';
import { type SharedCursor, claimNext, stopCursor } from './shared-cursor.js';

export interface DrainRequest {
  readonly tasks: readonly CellTask[];
  readonly cursor: SharedCursor;
}

const port = parentPort;
if (!port) throw new Error('cell-worker.ts runs only as a worker thread');

function message(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

function drain({ tasks, cursor }: DrainRequest, reply: (message: unknown) => void): void {
  for (let index = claimNext(cursor, tasks.length); index !== undefined; index = claimNext(cursor, tasks.length)) {
    reply({ type: 'started', index });
    const task = tasks[index] as CellTask;
    try {
      reply({ type: 'done', index, finished: runCell(task.experiment, task.trials, fromCellTask(task)) });
    } catch (error) {
      stopCursor(cursor);
      reply({ type: 'failed', index, message: message(error) });
      return;
    }
  }
  reply({ type: 'drained' });
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
