/**
 * The next unclaimed cell of a run, kept in memory shared with the worker threads: each
 * runner claims its next cell itself the moment it is free, instead of waiting for the
 * main thread (busy with a cell of its own) to hand it one. A stop flag beside it ends
 * all claiming (Ctrl-C, a failed cell); cells already claimed still finish.
 */
export type SharedCursor = Int32Array;

const NEXT = 0;
const STOPPED = 1;

export function createCursor(): SharedCursor {
  return new Int32Array(new SharedArrayBuffer(2 * Int32Array.BYTES_PER_ELEMENT));
}

/** Index of the caller's next cell of `length`, or undefined once all are claimed or the cursor was stopped. */
export function claimNext(cursor: SharedCursor, length: number): number | undefined {
  if (Atomics.load(cursor, STOPPED) !== 0) return undefined;
  const index = Atomics.add(cursor, NEXT, 1);
  return index < length ? index : undefined;
}

export function stopCursor(cursor: SharedCursor): void {
  Atomics.store(cursor, STOPPED, 1);
}
