import { z } from 'zod';
import { sumLastAxis } from '../compute/tensor-ops.js';
import { Bernoulli } from '../distributions/bernoulli.js';
import type { Objective, ObjectiveDefinition } from './objective.js';

const schema = z
  .strictObject({
    kind: z.literal('bernoulli-quadratic'),
    logit: z.number().optional().describe('log-odds of b = 1'),
    prob: z.number().gt(0).lt(1).optional().describe('probability of b = 1 (0 < prob < 1)'),
    target: z.number().describe('t in f(b) = (b - t)^2'),
    param: z
      .enum(['logit', 'prob'])
      .default('logit')
      .describe('the parameter the gradient is taken with respect to'),
  })
  .superRefine((config, ctx) => {
    if ((config.logit === undefined) === (config.prob === undefined)) {
      ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of `logit` or `prob`' });
    }
  });

export type BernoulliQuadraticConfig = z.input<typeof schema>;

export const bernoulliQuadratic: ObjectiveDefinition<BernoulliQuadraticConfig> = {
  kind: 'bernoulli-quadratic',
  family: 'bernoulli',
  description: 'the REBAR/RELAX toy: f(b) = (b - t)^2 for b ~ Bernoulli(sigmoid(logit))',
  schema: schema as z.ZodType<BernoulliQuadraticConfig>,
  create(config): Objective {
    const param = config.param ?? 'logit';
    const logit = config.logit ?? Math.log(config.prob as number) - Math.log1p(-(config.prob as number));
    const p = 1 / (1 + Math.exp(-logit));
    const t = config.target;
    // dE/dp = (1 - t)^2 - t^2 = 1 - 2t; dp/dlogit = p (1 - p).
    const dEdp = 1 - 2 * t;
    return {
      kind: 'bernoulli-quadratic',
      family: 'bernoulli',
      paramNames: [param],
      theta: [param === 'logit' ? logit : p],
      distribution: (theta) => {
        const row = theta.expandDims(1);
        return new Bernoulli(param === 'logit' ? row : row.log().sub(row.neg().log1p()));
      },
      f: (b) => sumLastAxis(b.sub(t).square()),
      expectation: () => p * (1 - t) ** 2 + (1 - p) * t ** 2,
      trueGrad: () => [param === 'logit' ? p * (1 - p) * dEdp : dEdp],
      // s = b - p: E[f s^2] / E[s^2] = f(1) (1 - p) + f(0) p (the same for param prob).
      optimalBaseline: () => [(1 - t) ** 2 * (1 - p) + t ** 2 * p],
    };
  },
};
