import { type Tensor, tf } from '../compute/tf.js';
import { stopGradient } from '../compute/tensor-ops.js';
import { Bernoulli } from '../distributions/bernoulli.js';
import { Categorical } from '../distributions/categorical.js';
import type { Distribution } from '../distributions/distribution.js';
import type { Estimator } from './estimator.js';

/** The mean of a discrete sample: sigmoid(logit) or softmax(logits). */
function probabilities(distribution: Distribution): Tensor {
  if (distribution instanceof Bernoulli) return tf.sigmoid(distribution.logit);
  if (distribution instanceof Categorical) return tf.softmax(distribution.logits);
  throw new Error('straight-through needs a Bernoulli or categorical distribution');
}

/**
 * Plain straight-through (Bengio et al. 2013): f at the exact sample z, backward as if
 * dz/dtheta = dp/dtheta. z + (p - detach(p)) equals z exactly in float32 (the added
 * term is 0) and carries p's gradient. Biased unless f is linear.
 */
export const straightThrough: Estimator = {
  name: 'straight-through',
  description: 'f at the hard sample z, backward as identity through the probabilities: z + p - detach(p)',
  families: ['categorical', 'bernoulli'],
  takesTemperature: false,
  unbiased: false,
  minSamples: 1,
  surrogate({ objective, distribution, noise }) {
    const p = probabilities(distribution);
    return objective.f(distribution.sample(noise).add(p.sub(stopGradient(p))));
  },
};
