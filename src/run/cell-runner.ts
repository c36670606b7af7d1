import { type CellTask, type FinishedCell, fromCellTask, runCell } from './cell-task.js';
import { type SharedCursor, claimNext, createCursor, stopCursor } from './shared-cursor.js';

/** What a runner reports while it drains a queue, on the main thread. */
export interface DrainEvents {
  /** Runners on the main thread call it before each claim: it may stop the cursor (Ctrl-C). */
  beforeClaim(): void;
  started(index: number): void;
  finished(index: number, finished: FinishedCell): void;
}

/** Something that runs cells on its own tfjs engine: this thread, or a worker thread. */
export interface CellRunner {
  /**
   * Runs cells of `tasks`, claiming each from the shared cursor, until none is left or the
   * cursor is stopped. Rejects on its first failed cell, after stopping the cursor.
   */
  drain(tasks: readonly CellTask[], cursor: SharedCursor, events: DrainEvents): Promise<void>;
}

/**
 * The calling thread's engine: the main thread's, and each worker's for the queues it is
 * sent. Each cell first lets the event loop turn, so that worker replies, progress output
 * and Ctrl-C are handled between cells.
 */
export const thisThread: CellRunner = {
  async drain(tasks, cursor, events) {
    for (;;) {
      await new Promise((resolve) => setImmediate(resolve));
      events.beforeClaim();
      const index = claimNext(cursor, tasks.length);
      if (index === undefined) return;
      events.started(index);
      const task = tasks[index] as CellTask;
      try {
        events.finished(index, runCell(task.experiment, task.trials, fromCellTask(task)));
      } catch (error) {
        stopCursor(cursor);
        throw error;
      }
    }
  },
};

/**
 * Runs queued items on the runners, each claiming the next item from the front as soon as
 * it is free (so a queue ordered largest first balances well). onDone calls are
 * serialized in completion order. Stops claiming once shouldStop returns true or an item
 * (or an onDone call) failed; returns (or throws the first error) only after every
 * claimed item has finished, so nothing runs on behind the caller's back.
 */
export async function runOnRunners<T>(
  runners: readonly CellRunner[],
  queue: readonly T[],
  options: {
    readonly task: (item: T) => CellTask;
    readonly onStart?: (item: T, index: number) => void;
    readonly onDone: (finished: FinishedCell, item: T, index: number) => void | Promise<void>;
    readonly shouldStop?: () => boolean;
  },
): Promise<{ complete: boolean }> {
  const cursor = createCursor();
  const tasks = queue.map(options.task);
  let completed = 0;
  let failure: { error: unknown } | undefined;
  const fail = (error: unknown) => {
    failure ??= { error };
    stopCursor(cursor);
  };
  const checkStop = () => {
    if (options.shouldStop?.()) stopCursor(cursor);
  };
  let hooks: Promise<void> = Promise.resolve();
  const events: DrainEvents = {
    beforeClaim: checkStop,
    started: (index) => options.onStart?.(queue[index] as T, index),
    finished: (index, finished) => {
      hooks = hooks
        .then(() => options.onDone(finished, queue[index] as T, completed++))
        .then(checkStop, fail);
    },
  };
  await Promise.all(runners.map((runner) => runner.drain(tasks, cursor, events).catch(fail)));
  await hooks;
  if (failure) throw failure.error;
  return { complete: completed === queue.length };
}
