import type { BernoulliQuadraticConfig } from '../bernoulli-quadratic.js';
import type { CategoricalLinearConfig } from '../categorical-linear.js';
import { resolveLogits } from '../categorical-logits.js';
import type { CategoricalQuadraticConfig } from '../categorical-quadratic.js';
import { findObjective } from '../registry.js';
import {
  armVariance,
  bernoulliScoreOutcomes,
  bernoulliStraightThroughOutcomes,
  categoricalPoint,
  categoricalScoreOutcomes,
  categoricalStraightThroughOutcomes,
  disarmVariance,
} from './discrete.js';
import { gaussianCosForms, gaussianQuadraticForms, type GaussianPoint } from './gaussian.js';
import { type ConstantBaseline, outcomeVariance, scoreFunctionVariance } from './moments.js';

/** Which constant baseline a score-function estimator entry uses; undefined when not a constant one (loo). */
function constantBaseline(estimator: string, options: Readonly<Record<string, unknown>>): ConstantBaseline | undefined {
  if (estimator === 'reinforce') return 'none';
  if (estimator !== 'reinforce-baseline') return undefined;
  return options.baseline === 'mean' || options.baseline === 'optimal' ? options.baseline : undefined;
}

function gaussian(kind: string, point: GaussianPoint, estimator: string, baseline: ConstantBaseline | undefined): number[] | undefined {
  const forms = kind === 'gaussian-quadratic' ? gaussianQuadraticForms : gaussianCosForms;
  if (estimator === 'pathwise') return forms.pathwise(point);
  if (baseline !== undefined) return scoreFunctionVariance(forms.scoreMoments(point), baseline);
  if (estimator === 'measure-valued') return forms.measureValued(point);
  return undefined;
}

function bernoulli(config: BernoulliQuadraticConfig, estimator: string, baseline: ConstantBaseline | undefined): number[] | undefined {
  const logit = config.logit ?? Math.log(config.prob as number) - Math.log1p(-(config.prob as number));
  const point = { logit, target: config.target };
  let variance: number | undefined;
  if (baseline !== undefined) variance = outcomeVariance(bernoulliScoreOutcomes(point, baseline))[0];
  else if (estimator === 'straight-through') variance = outcomeVariance(bernoulliStraightThroughOutcomes(point))[0];
  else if (estimator === 'arm') variance = armVariance(point);
  else if (estimator === 'disarm') variance = disarmVariance(point);
  if (variance === undefined) return undefined;
  // With respect to p = sigmoid(logit) every estimate is the logit one divided by p (1 - p).
  const p = 1 / (1 + Math.exp(-logit));
  return [config.param === 'prob' ? variance / (p * (1 - p)) ** 2 : variance];
}

function categorical(
  config: CategoricalLinearConfig | CategoricalQuadraticConfig,
  estimator: string,
  baseline: ConstantBaseline | undefined,
): number[] | undefined {
  const logits = resolveLogits(config);
  // f on the one-hot e_i, and grad f there: linear r_i and r; quadratic sum t^2 + 1 - 2 t_i and 2 (e_i - t).
  const linear = config.kind === 'categorical-linear';
  const target = linear ? [] : (config as CategoricalQuadraticConfig).target;
  const constant = target.reduce((acc, t) => acc + t * t, 0);
  const values = linear ? (config as CategoricalLinearConfig).reward : target.map((t) => constant + 1 - 2 * t);
  const point = categoricalPoint(logits, values);
  if (baseline !== undefined) return outcomeVariance(categoricalScoreOutcomes(point, baseline));
  if (estimator === 'straight-through') {
    const gradAt = (i: number) => (linear ? values : target.map((t, j) => 2 * ((i === j ? 1 : 0) - t)));
    return outcomeVariance(categoricalStraightThroughOutcomes(point.probs, gradAt));
  }
  return undefined;
}

/**
 * The exact variance of a single-sample estimate (n = 1) for each parameter of the objective
 * (in its paramNames order), or undefined where no closed form is known here. An estimate
 * averaged over n independent samples has 1/n of it. Pure float64.
 */
export function singleSampleVariances(
  objective: Readonly<Record<string, unknown>> & { readonly kind: string },
  estimator: string,
  options: Readonly<Record<string, unknown>> = {},
): number[] | undefined {
  const definition = findObjective(objective.kind);
  const parsed = definition?.schema.safeParse(objective);
  if (!parsed?.success) return undefined;
  const config = parsed.data as Record<string, unknown> & { kind: string };
  const baseline = constantBaseline(estimator, options);
  switch (config.kind) {
    case 'gaussian-quadratic':
    case 'gaussian-cos': {
      const point = config as unknown as GaussianPoint & { param?: string };
      const variances = gaussian(config.kind, point, estimator, baseline);
      // d/d log sigma = sigma d/d sigma.
      return variances && point.param === 'log_sigma' ? [variances[0] as number, (variances[1] as number) * point.sigma ** 2] : variances;
    }
    case 'bernoulli-quadratic':
      return bernoulli(config as unknown as BernoulliQuadraticConfig, estimator, baseline);
    case 'categorical-linear':
    case 'categorical-quadratic':
      return categorical(config as unknown as CategoricalLinearConfig, estimator, baseline);
    default:
      return undefined;
  }
}
