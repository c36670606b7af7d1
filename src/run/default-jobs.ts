import { availableParallelism } from 'node:os';

/** --jobs when not given: one cell at a time per core. */
export function defaultJobs(): number {
  return availableParallelism();
}
