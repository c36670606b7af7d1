/**
 * Worker-thread entry: starts its own tfjs engine (wasm threads do not work in Node,
 * so parallelism is one engine per worker), then runs the cells it is sent.
 * Protocol: workerData = { backend }, the backend the main thread runs, which this
 * worker must run too (no fallback: results must not depend on the thread); posts
 * { ready } or { failed, message } once, then answers each CellTask with
 * { done, finished } or { failed, message }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { type BackendName, initBackend } from '../compute/backend.js';
import { type CellTask, fromCellTask, runCell } from './cell-task.js';

const port = parentPort;
if (!port) throw new Error('cell-worker.ts runs only as a worker thread');

function message(error: unknown): string {
  return error instanceof Error ? (error.stack ?? error.message) : String(error);
}

try {
  const requested = (workerData as { backend: BackendName }).backend;
  const backend = await initBackend(requested);
  if (backend.name !== requested) throw new Error(`a worker could not start the '${requested}' backend that the main thread runs (${backend.fallbackReason}); use --jobs 1`);
  port.on('message', (task: CellTask) => {
    try {
      port.postMessage({ type: 'done', finished: runCell(task.experiment, task.trials, fromCellTask(task)) });
    } catch (error) {
      port.postMessage({ type: 'failed', message: message(error) });
    }
  });
  port.postMessage({ type: 'ready' });
} catch (error) {
  port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
