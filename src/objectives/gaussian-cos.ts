import { z } from 'zod';
import { gaussianFields, gaussianParameterisation } from './gaussian-scale.js';
import type { Objective, ObjectiveDefinition } from './objective.js';

const schema = z.strictObject({ kind: z.literal('gaussian-cos'), ...gaussianFields });

export type GaussianCosConfig = z.input<typeof schema>;

export const gaussianCos: ObjectiveDefinition<GaussianCosConfig> = {
  kind: 'gaussian-cos',
  family: 'gaussian',
  description: 'f(x) = cos(k x) for x ~ N(mu, sigma^2) (Mohamed et al. 2020, Fig. 3)',
  schema: schema as z.ZodType<GaussianCosConfig>,
  create(config): Objective {
    const { mu, sigma, k } = config;
    const shape = gaussianParameterisation(mu, sigma, config.param);
    // E[cos(kx)] = cos(k mu) exp(-k^2 sigma^2 / 2)
    const damping = Math.exp(-0.5 * k * k * sigma * sigma);
    return {
      kind: 'gaussian-cos',
      family: 'gaussian',
      paramNames: shape.paramNames,
      theta: shape.theta,
      distribution: shape.distribution,
      f: (x) => x.mul(k).cos().sum(-1),
      expectation: () => Math.cos(k * mu) * damping,
      trueGrad: () =>
        shape.gradient(-k * Math.sin(k * mu) * damping, -k * k * sigma * Math.cos(k * mu) * damping),
    };
  },
};
