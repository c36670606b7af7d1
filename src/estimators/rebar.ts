import { type Tensor, tf } from '../compute/tf.js';
import { z } from 'zod';
import { oneHotArgmax, heaviside, stopGradient } from '../compute/tensor-ops.js';
import { Bernoulli } from '../distributions/bernoulli.js';
import { Categorical } from '../distributions/categorical.js';
import type { Distribution } from '../distributions/distribution.js';
import type { Estimator } from './estimator.js';

const options = z.strictObject({
  eta: z.number().default(1).describe('control-variate scale eta (fixed; any value keeps it unbiased)'),
  tau: z
    .number()
    .positive()
    .default(0.5)
    .describe("REBAR's own relaxation temperature lambda (fixed; grid.temperature does not apply)"),
});

export type RebarOptions = z.output<typeof options>;

/** A discrete sample b = H(z), its reparameterised z, and z~ ~ p(z | b) reparameterised given b. */
interface Pieces {
  readonly b: Tensor;
  readonly z: Tensor;
  readonly zTilde: Tensor;
  relax(z: Tensor, tau: number): Tensor;
}

/** z = logit + log(u / (1 - u)), b = 1[z > 0]; given b, u is uniform on (1 - theta, 1) or (0, 1 - theta). */
function bernoulliPieces(logit: Tensor, u: Tensor, v: Tensor): Pieces {
  const z = logit.add(u.log()).sub(u.neg().log1p());
  const b = heaviside(z);
  const theta = tf.sigmoid(logit);
  const thetaC = tf.sigmoid(logit.neg());
  const notB = b.neg().add(1);
  // u' and 1 - u' computed separately, so neither is a cancelling difference in float32.
  const above = theta.mul(v.neg().add(1));
  const below = v.mul(thetaC);
  const upper = b.mul(above.neg().add(1)).add(notB.mul(below));
  const lower = b.mul(above).add(notB.mul(below.neg().add(1)));
  return { b, z, zTilde: logit.add(upper.log()).sub(lower.log()), relax: (x, tau) => tf.sigmoid(x.div(tau)) };
}

/**
 * Gumbel-max on the normalised log-probabilities (argmax and softmax are shift-invariant):
 * given b, the max is Gumbel(0) and the others are Gumbels truncated below it,
 * z~_b = -log(-log v_b), z~_i = -log(-log v_i / pi_i - log v_b) (Tucker et al. 2017, app. C).
 */
function categoricalPieces(logits: Tensor, u: Tensor, v: Tensor): Pieces {
  const logPi = tf.logSoftmax(logits);
  const z = logPi.sub(u.log().neg().log());
  const b = oneHotArgmax(z);
  const exponential = v.log().neg();
  const atB = exponential.mul(b).sum(-1, true);
  const others = exponential.div(logPi.exp()).add(atB).log().neg();
  const zTilde = b.mul(atB.log().neg()).add(b.neg().add(1).mul(others));
  return { b, z, zTilde, relax: (x, tau) => tf.softmax(x.div(tau)) };
}

function piecesOf(distribution: Distribution, noise: Tensor): Pieces {
  const [u, v] = noise.split(2, -1) as [Tensor, Tensor];
  if (distribution instanceof Bernoulli) return bernoulliPieces(distribution.logit, u, v);
  if (distribution instanceof Categorical) return categoricalPieces(distribution.logits, u, v);
  throw new Error('rebar needs a Bernoulli or categorical distribution');
}

/**
 * REBAR (Tucker et al. 2017) with fixed eta and temperature lambda (a static variance
 * study does not tune them):
 * [f(b) - eta f(s(z~))] grad log q(b) + eta grad f(s(z)) - eta grad f(s(z~)),
 * s the Concrete relaxation at lambda, z~ reparameterised from p(z | b). Unbiased for any
 * eta and lambda. Two sets of uniforms per sample: u for z, v for z~.
 */
export const rebar: Estimator<RebarOptions> = {
  name: 'rebar',
  description: 'REINFORCE with the Concrete relaxation at z and at z~ | b as control variate (fixed eta, tau)',
  families: ['categorical', 'bernoulli'],
  takesTemperature: false,
  unbiased: true,
  minSamples: 1,
  options: options as z.ZodType<RebarOptions>,
  noise: (base) => ({ kind: 'uniform', size: 2 * base.size }),
  surrogate({ objective, distribution, noise, options: { eta, tau } }) {
    const { b, z, zTilde, relax } = piecesOf(distribution, noise);
    const atZ = objective.f(relax(z, tau)).mul(eta);
    const atZTilde = objective.f(relax(zTilde, tau)).mul(eta);
    const learningSignal = stopGradient(objective.f(b).sub(atZTilde));
    return learningSignal.mul(distribution.logProb(b)).add(atZ).sub(atZTilde);
  },
};
