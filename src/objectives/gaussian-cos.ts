import { z } from 'zod';
import { sumLastAxis } from '../compute/tensor-ops.js';
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
      f: (x) => sumLastAxis(x.mul(k).cos()),
      expectation: () => Math.cos(k * mu) * damping,
      trueGrad: () =>
        shape.gradient(-k * Math.sin(k * mu) * damping, -k * k * sigma * Math.cos(k * mu) * damping),
      optimalBaseline: () => {
        // E[cos(k mu + a eps) g(eps)] = cos(k mu) E[cos(a eps) g(eps)] for even g, a = k sigma; the
        // derivatives of the characteristic function give E[eps^2 cos(a eps)] = (1 - a^2) e^(-a^2/2)
        // and E[(eps^2 - 1)^2 cos(a eps)] = (2 - 4a^2 + a^4) e^(-a^2/2); divide by E[eps^2] = 1, E[(eps^2 - 1)^2] = 2.
        const a2 = k * k * sigma * sigma;
        return [Math.cos(k * mu) * (1 - a2) * damping, Math.cos(k * mu) * (1 - 2 * a2 + a2 * a2 / 2) * damping];
      },
    };
  },
};
