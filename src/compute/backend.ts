import { type BackendName, BackendUnavailableError } from './backend-names.js';
import { requireTfjs, tf } from './tf.js';
import { argMaxOnWasm } from './wasm-arg-max.js';
import { broadcastArithmeticOnWasm } from './wasm-broadcast-arithmetic.js';
import { deviationMomentsOnWasm } from './wasm-deviation-moments.js';
import { logNoiseOnWasm } from './wasm-log-noise.js';
import { normalsOnWasm } from './wasm-normals.js';
import { sumRowsOnWasm } from './wasm-row-sums.js';
import { uniformsOnWasm } from './wasm-uniforms.js';
import { shareDataOnWasm } from './wasm-shared-data.js';
import { softmaxOnWasm } from './wasm-softmax.js';
import { reserveHeapOnWasm } from './wasm-heap-reserve.js';

export interface BackendChoice {
  /** The backend now running the tape. */
  readonly name: BackendName;
  /** Why it differs from the one asked for, if it does. */
  readonly fallbackReason?: string;
}

async function register(name: BackendName): Promise<void> {
  if (name === 'wasm') requireTfjs('@tensorflow/tfjs-backend-wasm');
  if (name === 'tensorflow') requireTfjs('@tensorflow/tfjs-node');
  if (!(await tf.setBackend(name))) throw new Error(`tfjs could not start the '${name}' backend`);
  await tf.ready();
  if (name === 'wasm') {
    shareDataOnWasm();
    sumRowsOnWasm();
    broadcastArithmeticOnWasm();
    argMaxOnWasm();
    softmaxOnWasm();
    normalsOnWasm();
    logNoiseOnWasm();
    deviationMomentsOnWasm();
    uniformsOnWasm();
    reserveHeapOnWasm();
  }
}

/**
 * Starts the requested tfjs backend. wasm is the default; if it cannot start, cpu
 * takes over and the reason is returned. tensorflow (tfjs-node) is used only when
 * asked for and installed; asking for it when it is missing is an error.
 */
export async function initBackend(requested: BackendName = 'wasm'): Promise<BackendChoice> {
  tf.enableProdMode();
  if (tf.getBackend() === requested) return { name: requested };
  try {
    await register(requested);
    return { name: requested };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    if (requested === 'tensorflow') {
      throw new BackendUnavailableError(
        `backend 'tensorflow' needs the optional package @tensorflow/tfjs-node, which is not installed or failed to load (${reason.split('\n')[0]}); use --backend wasm or cpu`,
      );
    }
    if (requested === 'cpu') throw error;
    await register('cpu');
    return { name: 'cpu', fallbackReason: `wasm backend failed to start: ${reason}` };
  }
}
