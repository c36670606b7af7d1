import type { SkippedCells } from '../experiment/cells.js';

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
