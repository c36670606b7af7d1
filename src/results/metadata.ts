import type { SkippedCells } from '../experiment/cells.js';

/** One input of a merged result, as its own metadata.json recorded it. */
export interface MergedShard {
  readonly dir: string;
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  readonly cells: number;
  readonly node: string;
  readonly platform: string;
  readonly gitCommit?: string | undefined;
  readonly started: string;
  readonly finished: string;
}

/** metadata.json beside each CSV: everything needed to know what produced it. */
export interface RunMetadata {
  readonly tool: { readonly name: string; readonly version: string };
  readonly backend: string;
  readonly backendFallback?: string | undefined;
  readonly node: string;
  readonly platform: string;
  readonly experiment: {
    readonly name: string;
    /** The experiment file's path as given on the command line. */
    readonly file: string;
    readonly sha256: string;
    readonly text: string;
  };
  readonly seed: number;
  readonly trials: number;
  /** Command-line values that replaced the file's. */
  readonly overrides: Readonly<Record<string, unknown>>;
  /** Set when this run computed only shard `index` of `count` (`run --shard`). */
  readonly shard?: { readonly index: number; readonly count: number } | undefined;
  /** Set by `merge`: the shard runs these results were joined from. */
  readonly mergedFrom?: readonly MergedShard[] | undefined;
  readonly started: string;
  readonly finished: string;
  readonly gitCommit?: string | undefined;
  readonly cells: readonly {
    readonly estimator: string;
    readonly temperature: number | null;
    readonly samples: number;
    readonly sweep: Readonly<Record<string, number>>;
    readonly seed: number;
    readonly milliseconds: number;
  }[];
  readonly skipped: readonly SkippedCells[];
}

/**
 * Whether a parsed metadata.json is a sampling check's (src/sampling/): its results are
 * class frequencies, not a variance grid, and a variance run's metadata has no `kind`.
 */
export function isSamplingCheckMetadata(metadata: unknown): metadata is { readonly kind: 'sampling-check' } {
  return (metadata as { readonly kind?: unknown } | null | undefined)?.kind === 'sampling-check';
}

/**
 * The name errors in a metadata.json's recorded experiment text go under: that copy is what
 * `plot`, `merge` and `check` parse, not the experiment file it was read from, which may have
 * changed or gone since.
 */
export function recordedTextSource(metadataFile: string): string {
  return `${metadataFile} (experiment.text)`;
}
