import { STREAM_STATE_LENGTH, type NoiseStream } from '../random/noise-stream.js';
import { XOR4096_UNIFORMS } from './wasm-uniforms.js';
import { type Tensor, tf } from './tf.js';

/**
 * One stream per trial, drawn a chunk at a time into a [T, width] tensor of uniforms: on
 * the backend where it has XOR4096_UNIFORMS (the streams' states go there and back, 520
 * bytes each), else filled here and uploaded. The same uniforms either way.
 */
export class UniformRows {
  private readonly states: Int32Array;
  private buffer = new Float32Array(0);

  constructor(private readonly streams: readonly NoiseStream[]) {
    this.states = new Int32Array(streams.length * STREAM_STATE_LENGTH);
  }

  next(width: number): Tensor {
    const { streams, states } = this;
    const trials = streams.length;
    if (!tf.getKernel(XOR4096_UNIFORMS, tf.getBackend())) {
      if (this.buffer.length < trials * width) this.buffer = new Float32Array(trials * width);
      streams.forEach((stream, t) => stream.fillUniform(this.buffer, t * width, width));
      return tf.tensor2d(this.buffer.subarray(0, trials * width), [trials, width]);
    }
    streams.forEach((stream, t) => stream.saveState(states, t * STREAM_STATE_LENGTH));
    const [uniforms, next] = tf.tidy(() => {
      const saved = tf.tensor2d(states, [trials, STREAM_STATE_LENGTH], 'int32');
      return tf.engine().runKernel(XOR4096_UNIFORMS, { states: saved }, { count: width }) as Tensor[];
    }) as [Tensor, Tensor];
    const stepped = next.dataSync() as Int32Array;
    next.dispose();
    streams.forEach((stream, t) => stream.restoreState(stepped, t * STREAM_STATE_LENGTH));
    return uniforms;
  }
}
