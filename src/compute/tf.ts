import { createRequire, Module } from 'node:module';
import type * as Tfjs from '@tensorflow/tfjs';

export type { Tensor, Tensor2D, TensorContainer } from '@tensorflow/tfjs';

/**
 * Loads tfjs and its backends as the CommonJS bundles they are. An ESM import of them
 * first scans their 30k-line sources for export names, which took 230 ms instead of
 * 95 ms per thread here, paid again by every worker thread and test file.
 */
export const requireTfjs = createRequire(import.meta.url);

/**
 * Packages the union bundle only re-exports (models, model loading, datasets) or
 * registers for browsers (WebGL). They took ~80 ms of every thread's ~110 ms load here;
 * nothing in this tool uses them.
 */
const UNUSED_BY_THIS_TOOL = ['@tensorflow/tfjs-layers', '@tensorflow/tfjs-converter', '@tensorflow/tfjs-data', '@tensorflow/tfjs-backend-webgl'];

/**
 * Requires the union package (the only CommonJS bundle with tfjs's gradients) while
 * empty modules stand in for the unused packages, then takes them out of the require
 * cache so that anything else in the process requiring them gets the real ones.
 */
function requireUnionWithoutUnused(): typeof Tfjs {
  const stubbed = UNUSED_BY_THIS_TOOL.map((name) => requireTfjs.resolve(name)).filter((path) => !(path in requireTfjs.cache));
  for (const path of stubbed) {
    const empty = new Module(path);
    empty.filename = path;
    empty.loaded = true;
    requireTfjs.cache[path] = empty;
  }
  try {
    return requireTfjs('@tensorflow/tfjs') as typeof Tfjs;
  } finally {
    for (const path of stubbed) delete requireTfjs.cache[path];
  }
}

/** The tfjs API: core ops, every gradient, the cpu backend (not tf.layers, tf.data, model loading). */
export const tf: typeof Tfjs = requireUnionWithoutUnused();
