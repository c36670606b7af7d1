import { Worker } from 'node:worker_threads';
import type { BackendChoice, BackendName } from '../compute/backend.js';
import type { CellTask, FinishedCell } from './cell-task.js';

type Reply =
  | { readonly type: 'ready'; readonly backend: BackendChoice }
  | { readonly type: 'done'; readonly finished: FinishedCell }
  | { readonly type: 'failed'; readonly message: string };

/**
 * Starts cell-worker in a thread. From source (tsx) the worker is a .ts file that the
 * loader registered in this thread does not cover, so the worker registers tsx itself
 * before importing it; from dist/ it is plain JavaScript.
 */
function spawnCellWorker(backend: BackendName | undefined): Worker {
  const fromSource = import.meta.url.endsWith('.ts');
  const entry = new URL(fromSource ? './cell-worker.ts' : './cell-worker.js', import.meta.url);
  if (!fromSource) return new Worker(entry, { workerData: { backend } });
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry.href)}); });`;
  return new Worker(bootstrap, { eval: true, workerData: { backend } });
}

/** One worker thread with its own tfjs engine, running one cell at a time. */
export class CellWorker {
  private pending: { resolve: (reply: Reply) => void; reject: (error: Error) => void } | undefined;
  private exited: Error | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (reply: Reply) => this.settle((p) => p.resolve(reply)));
    worker.on('error', (error) => this.settle((p) => p.reject(error)));
    worker.on('exit', (code) => {
      this.exited = new Error(`cell worker exited (code ${code})`);
      this.settle((p) => p.reject(this.exited as Error));
    });
  }

  private settle(action: (pending: NonNullable<CellWorker['pending']>) => void): void {
    const pending = this.pending;
    this.pending = undefined;
    if (pending) action(pending);
  }

  private next(): Promise<Reply> {
    if (this.exited) return Promise.reject(this.exited);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
    });
  }

  /** Starts a worker and waits until its backend is up. */
  static async start(backend: BackendName | undefined): Promise<{ worker: CellWorker; backend: BackendChoice }> {
    const worker = new CellWorker(spawnCellWorker(backend));
    try {
      const reply = await worker.next();
      if (reply.type !== 'ready') throw new Error(reply.type === 'failed' ? reply.message : 'cell worker did not start');
      return { worker, backend: reply.backend };
    } catch (error) {
      await worker.terminate();
      throw error;
    }
  }

  async run(task: CellTask): Promise<FinishedCell> {
    const reply = this.next();
    this.worker.postMessage(task);
    const answer = await reply;
    if (answer.type === 'done') return answer.finished;
    throw new Error(answer.type === 'failed' ? `cell ${task.cell.identity} failed in a worker: ${answer.message}` : 'unexpected reply');
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/** Starts `size` workers in parallel; if any fails to start, stops the others and throws. */
export async function startCellWorkers(
  size: number,
  backend: BackendName | undefined,
): Promise<{ workers: CellWorker[]; backend: BackendChoice }> {
  const started = await Promise.allSettled(Array.from({ length: size }, () => CellWorker.start(backend)));
  const workers = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value.worker] : []));
  const failure = started.find((s): s is PromiseRejectedResult => s.status === 'rejected');
  const first = started.find((s) => s.status === 'fulfilled');
  if (failure || !first) {
    await Promise.all(workers.map((w) => w.terminate()));
    throw failure?.reason ?? new Error('no cell workers started');
  }
  return { workers, backend: first.value.backend };
}

/**
 * Worker threads kept across the experiments of one run (starting one costs about a
 * second): started on first use, grown up to `size` as experiments need them.
 */
export class CellWorkerPool {
  private workers: CellWorker[] = [];
  private backendChoice: BackendChoice | undefined;

  constructor(
    readonly size: number,
    readonly backend: BackendName | undefined,
  ) {}

  /** Up to `count` (at most `size`) started workers and their backend. */
  async acquire(count: number): Promise<{ workers: CellWorker[]; backend: BackendChoice }> {
    const want = Math.max(1, Math.min(count, this.size));
    if (this.workers.length < want) {
      const more = await startCellWorkers(want - this.workers.length, this.backend);
      this.workers.push(...more.workers);
      this.backendChoice ??= more.backend;
    }
    return { workers: this.workers.slice(0, want), backend: this.backendChoice as BackendChoice };
  }

  /** Stops every worker; a later acquire starts fresh ones. */
  async close(): Promise<void> {
    const workers = this.workers;
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Runs tasks on the workers, each taking the next task from the front of the queue
 * when it is free (so a queue ordered largest first balances well). onDone calls are
 * serialized in completion order. Stops taking tasks once shouldStop returns true,
 * letting the cells in flight finish.
 */
export async function runOnWorkers<T>(
  workers: readonly CellWorker[],
  queue: readonly T[],
  options: {
    readonly task: (item: T) => CellTask;
    readonly onStart?: (item: T, index: number) => void;
    readonly onDone: (finished: FinishedCell, item: T, index: number) => void | Promise<void>;
    readonly shouldStop?: () => boolean;
  },
): Promise<{ complete: boolean }> {
  let next = 0;
  let completed = 0;
  let stopped = false;
  let hooks: Promise<void> = Promise.resolve();
  const lane = async (worker: CellWorker) => {
    while (next < queue.length) {
      if (options.shouldStop?.()) {
        stopped = true;
        return;
      }
      const index = next++;
      const item = queue[index] as T;
      options.onStart?.(item, index);
      const finished = await worker.run(options.task(item));
      hooks = hooks.then(() => options.onDone(finished, item, completed++));
      await hooks;
    }
  };
  await Promise.all(workers.map(lane));
  return { complete: !stopped && next === queue.length };
}
