import { createRequire } from 'node:module';
import type * as Tfjs from '@tensorflow/tfjs';

export type { Tensor, Tensor2D, TensorContainer } from '@tensorflow/tfjs';

/**
 * Loads tfjs and its backends as the CommonJS bundles they are. An ESM import of them
 * first scans their 30k-line sources for export names, which took 230 ms instead of
 * 95 ms per thread here, paid again by every worker thread and test file.
 */
export const requireTfjs = createRequire(import.meta.url);

/** The tfjs API (the union package: core ops plus every gradient). */
export const tf: typeof Tfjs = requireTfjs('@tensorflow/tfjs');
