import { Worker } from 'node:worker_threads';
import type { BackendName } from '../compute/backend.js';
import type { CellRunner } from './cell-runner.js';
import type { CellTask, FinishedCell } from './cell-task.js';

type Reply =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly finished: FinishedCell }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Starts cell-worker in a thread. From source (tsx) the worker is a .ts file that the
 * loader registered in this thread does not cover, so the worker registers tsx itself
 * before importing it; from dist/ it is plain JavaScript.
 */
function spawnCellWorker(backend: BackendName): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './cell-worker.ts' : './cell-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: { backend } });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { backend } });
}

/**
 * One worker thread with its own tfjs engine, running exactly the backend it was
 * given. It takes cells while still starting up (they wait in its message queue),
 * runs them one at a time in the order sent, and so replies are matched to requests
 * first in, first out; two in flight mean it starts its next cell without waiting
 * for this thread.
 */
export class CellWorker implements CellRunner {
  readonly depth = 2;
  private readonly pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void }[] = [];
  private exited: Error | undefined;
  /** Rejects with the worker's own message when its backend did not start. */
  private readonly started: Promise<void>;
  private readonly worker: Worker;

  constructor(backend: BackendName) {
    const worker = (this.worker = spawnCellWorker(backend));
    worker.on('message', (reply: Reply) => this.pending.shift()?.resolve(reply));
    worker.on('error', (error) => this.failAll(error));
    worker.on('exit', (code) => {
      this.exited = new Error(`cell worker exited (code ${code})`);
      this.failAll(this.exited);
    });
    this.started = this.next().then((reply) => {
      if (reply.type !== 'ready') throw new Error(reply.type === 'failed' ? reply.message : 'cell worker did not start');
    });
    // Reported by run(); a worker never asked to run anything has nothing to report.
    this.started.catch(() => {});
  }

  private failAll(error: Error): void {
    for (const pending of this.pending.splice(0)) pending.reject(error);
  }

  private next(): Promise<Reply> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
    });
  }

  async run(task: CellTask): Promise<FinishedCell> {
    const reply = this.next();
    this.worker.postMessage(task);
    const [, answer] = await Promise.all([this.started, reply]);
    if (answer.type === 'done') return answer.finished;
    throw new Error(answer.type === 'failed' ? `cell ${task.cell.identity} failed in a worker: ${answer.message}` : 'unexpected reply');
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Worker threads kept across the experiments of one run: spawned on first use,
 * grown up to `size` as experiments need them. They run cells beside this thread,
 * so `--jobs N` keeps N - 1 of them.
 */
export class CellWorkerPool {
  private workers: CellWorker[] = [];
  private backend: BackendName | undefined;

  constructor(readonly size: number) {}

  /** Up to `count` (at most `size`) workers on `backend` (this thread's), spawning any missing. */
  acquire(count: number, backend: BackendName): CellWorker[] {
    if (this.backend !== undefined && this.backend !== backend) throw new Error(`cell workers run '${this.backend}', not '${backend}'`);
    this.backend = backend;
    const want = Math.max(0, Math.min(count, this.size));
    while (this.workers.length < want) this.workers.push(new CellWorker(backend));
    return this.workers.slice(0, want);
  }

  /** Stops every worker; a later acquire spawns fresh ones. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    this.backend = undefined;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}
