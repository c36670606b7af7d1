/** Shard `index` (1-based) of `count`: a deterministic share of an experiment's cells. */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/** Parses `i/N` (1 <= i <= N); throws with a message fit for the command line. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || !(count >= 1) || !(index >= 1 && index <= count)) {
    throw new Error(`--shard must be i/N with 1 <= i <= N, e.g. 2/4 (got '${text}')`);
  }
  return { index, count };
}
