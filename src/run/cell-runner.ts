import { type CellTask, type FinishedCell, fromCellTask, runCell } from './cell-task.js';

/** Something that runs cells on its own tfjs engine: this thread, or a worker thread. */
export interface CellRunner {
  /** Cells to keep in flight on it, so that it never waits for its next one. */
  readonly depth: number;
  run(task: CellTask): Promise<FinishedCell>;
}

/**
 * This thread's engine. Each cell first lets the event loop turn, so that worker
 * replies, progress output and Ctrl-C are handled between cells.
 */
export const thisThread: CellRunner = {
  depth: 1,
  async run(task) {
    await new Promise((resolve) => setImmediate(resolve));
    return runCell(task.experiment, task.trials, fromCellTask(task));
  },
};

/**
 * Runs queued items on the runners, each runner taking the next item from the front
 * when it has room (so a queue ordered largest first balances well). onDone calls are
 * serialized in completion order. Stops taking items once shouldStop returns true or
 * an item failed; returns (or throws the first error) only after every item in flight
 * has finished, so nothing runs on behind the caller's back.
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
  let next = 0;
  let completed = 0;
  let stopped = false;
  let failed = false;
  let hooks: Promise<void> = Promise.resolve();
  const lane = async (runner: CellRunner) => {
    while (next < queue.length && !failed) {
      if (options.shouldStop?.()) {
        stopped = true;
        return;
      }
      const index = next++;
      const item = queue[index] as T;
      options.onStart?.(item, index);
      const finished = await runner.run(options.task(item));
      hooks = hooks.then(() => options.onDone(finished, item, completed++));
      await hooks;
    }
  };
  const lanes = runners.flatMap((runner) =>
    Array.from({ length: runner.depth }, () =>
      lane(runner).catch((error: unknown) => {
        failed = true;
        throw error;
      }),
    ),
  );
  const outcomes = await Promise.allSettled(lanes);
  const failure = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
  if (failure) throw failure.reason;
  return { complete: !stopped && next === queue.length };
}
