import { Worker } from 'node:worker_threads';
import type { BackendName } from '../compute/backend-names.js';
import type { CellRunner, DrainEvents } from './cell-runner.js';
import type { CellTask, FinishedCell } from './cell-task.js';
import type { DrainRequest } from './cell-worker.js';
import type { SharedCursor } from './shared-cursor.js';

type Reply =
  | { readonly type: 'ready' }
  | { readonly type: 'unavailable'; readonly message: string }
  | { readonly type: 'started'; readonly index: number }
  | { readonly type: 'done'; readonly index: number; readonly finished: FinishedCell }
  | { readonly type: 'failed'; readonly index: number; readonly message: string }
  | { readonly type: 'drained' };

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

/** The queue a worker is draining, and where its replies go. */
interface Draining {
  readonly tasks: readonly CellTask[];
  readonly events: DrainEvents;
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
}

/**
 * One worker thread with its own tfjs engine, running exactly the backend it was
 * given. A queue sent while it is still starting up waits in its message queue; it
 * drains one queue at a time.
 */
export class CellWorker implements CellRunner {
  private draining: Draining | undefined;
  private exited: Error | undefined;
  /** Rejects with the worker's own message when its backend did not start. */
  private readonly started: Promise<void>;
  private readonly worker: Worker;

  constructor(backend: BackendName) {
    const worker = (this.worker = spawnCellWorker(backend));
    let ready!: () => void;
    let unavailable!: (error: Error) => void;
    this.started = new Promise((resolve, reject) => {
      ready = resolve;
      unavailable = reject;
    });
    // Reported by drain(); a worker never asked to run anything has nothing to report.
    this.started.catch(() => {});
    worker.on('message', (reply: Reply) => {
      if (reply.type === 'ready') ready();
      else if (reply.type === 'unavailable') unavailable(new Error(reply.message));
      else this.onReply(reply);
    });
    worker.on('error', (error) => this.draining?.reject(error));
    worker.on('exit', (code) => {
      this.exited = new Error(`cell worker exited (code ${code})`);
      unavailable(this.exited);
      this.draining?.reject(this.exited);
    });
  }

  private onReply(reply: Exclude<Reply, { type: 'ready' | 'unavailable' }>): void {
    const draining = this.draining;
    if (!draining) return;
    if (reply.type === 'started') draining.events.started(reply.index);
    else if (reply.type === 'done') draining.events.finished(reply.index, reply.finished);
    else if (reply.type === 'drained') draining.resolve();
    else draining.reject(new Error(`cell ${draining.tasks[reply.index]?.cell.identity} failed in a worker: ${reply.message}`));
  }

  async drain(tasks: readonly CellTask[], cursor: SharedCursor, events: DrainEvents): Promise<void> {
    if (this.exited) throw this.exited;
    if (this.draining) throw new Error('a cell worker drains one queue at a time');
    const drained = new Promise<void>((resolve, reject) => {
      this.draining = { tasks, events, resolve, reject };
    });
    try {
      this.worker.postMessage({ tasks, cursor } satisfies DrainRequest);
      await Promise.all([this.started, drained]);
    } finally {
      this.draining = undefined;
    }
  }

  async terminate(): Promise<void> {
    await this.worker.terminate();
  }
}

/**
 * Worker threads kept across the experiments of one run: spawned on first use (or at
 * once, by prestart), grown up to `size` as experiments need them. They run cells
 * beside this thread, so `--jobs N` keeps N - 1 of them.
 */
export class CellWorkerPool {
  private workers: CellWorker[] = [];
  private backend: BackendName | undefined;

  constructor(readonly size: number) {}

  /**
   * Spawns all `size` workers on `backend` now, so that they load tfjs while this thread
   * is busy with something else (a worker takes ~0.2 s to start).
   */
  prestart(backend: BackendName): void {
    this.acquire(this.size, backend);
  }

  /**
   * Up to `count` (at most `size`) workers on `backend` (this thread's), spawning any
   * missing. Workers started on another backend (this thread fell back to cpu after a
   * prestart on wasm) are stopped and replaced: a worker runs its thread's backend.
   */
  acquire(count: number, backend: BackendName): CellWorker[] {
    if (this.backend !== undefined && this.backend !== backend) void this.close();
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
