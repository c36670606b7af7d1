import type { Tensor } from '../compute/tf.js';
import { Bernoulli } from '../distributions/bernoulli.js';
import type { Distribution } from '../distributions/distribution.js';

/**
 * The antithetic pair of ARM and DisARM from one logistic draw L = log(u / (1 - u)):
 * b = 1[L > -logit] = 1[u > sigmoid(-logit)] and its mirror bMirror from -L, i.e. from 1 - u.
 * Both are exact Bernoulli(sigmoid(logit)) samples; u = sigmoid(L).
 */
export function antitheticPair(distribution: Distribution, logistic: Tensor) {
  if (!(distribution instanceof Bernoulli)) throw new Error('ARM and DisARM need a Bernoulli distribution');
  return {
    logit: distribution.logit,
    b: distribution.sample(logistic),
    bMirror: distribution.sample(logistic.neg()),
  };
}
