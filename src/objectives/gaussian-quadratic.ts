import { z } from 'zod';
import { sumLastAxis } from '../compute/tensor-ops.js';
import { gaussianFields, gaussianParameterisation } from './gaussian-scale.js';
import type { Objective, ObjectiveDefinition } from './objective.js';

const schema = z.strictObject({ kind: z.literal('gaussian-quadratic'), ...gaussianFields });

export type GaussianQuadraticConfig = z.input<typeof schema>;

export const gaussianQuadratic: ObjectiveDefinition<GaussianQuadraticConfig> = {
  kind: 'gaussian-quadratic',
  family: 'gaussian',
  description: 'f(x) = (x - k)^2 for x ~ N(mu, sigma^2) (Mohamed et al. 2020, Fig. 2)',
  schema: schema as z.ZodType<GaussianQuadraticConfig>,
  create(config): Objective {
    const { mu, sigma, k } = config;
    const shape = gaussianParameterisation(mu, sigma, config.param);
    // E[(x - k)^2] = (mu - k)^2 + sigma^2
    return {
      kind: 'gaussian-quadratic',
      family: 'gaussian',
      paramNames: shape.paramNames,
      theta: shape.theta,
      distribution: shape.distribution,
      f: (x) => sumLastAxis(x.sub(k).square()),
      expectation: () => (mu - k) ** 2 + sigma ** 2,
      trueGrad: () => shape.gradient(2 * (mu - k), 2 * sigma),
      // Scores eps / sigma and (eps^2 - 1) / sigma with x = mu + sigma eps: Gaussian moments give
      // E[f eps^2] = d^2 + 3 sigma^2 and E[f (eps^2 - 1)^2] / 2 = d^2 + 5 sigma^2.
      optimalBaseline: () => [(mu - k) ** 2 + 3 * sigma ** 2, (mu - k) ** 2 + 5 * sigma ** 2],
    };
  },
};
