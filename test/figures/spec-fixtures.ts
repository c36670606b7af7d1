import { varianceVsFieldSpec } from '../../src/plot/field-spec.js';
import { snrVsSamplesSpec } from '../../src/plot/snr-spec.js';
import { temperatureTradeoffSpec } from '../../src/plot/temperature-spec.js';
import { varianceVsSamplesSpec } from '../../src/plot/variance-spec.js';
import { row } from '../plot/fixtures.js';

// Specs are plain data: tests read them as JSON.
// biome-ignore lint: test access into generated specs
type Json = any;

/** A variance plot of one estimator with 1/n variances and extra zero-ish ones (mean 1, so 1e-34 is rounding). */
export function varianceFor(zeros: number[]): Json {
  const rows = [1, 10, 100].map((n) => row('arm', n, 0.2 / n));
  const flat = zeros.map((v, i) => row('disarm', 10 ** i, v, { mean: 1, varianceLo: v, varianceHi: v }));
  return varianceVsSamplesSpec([...rows, ...flat], {});
}

/** Pathwise against k with the closed form 4 (mu - k)^2 + 8 for sigma; one measured zero. */
export function fieldSpecFor(): Json {
  const rows = [-1, 0, 1, 2].map((k) => row('pathwise', 1, k === 2 ? 0 : 4 * (1 - k) ** 2 + 8, { sweep: { k }, param: 'sigma', mean: 0 }));
  return varianceVsFieldSpec(rows, { field: 'k', params: ['sigma'], yFloor: 0.01, exact: (_r, k) => 4 * (1 - k) ** 2 + 8 });
}

export function temperatureFor(): Json {
  const rows = [
    row('reinforce', 10, 0.1, { bias: 0.001 }),
    ...[0.1, 1, 5].map((t) => row('gumbel-softmax', 10, 0.1 / t, { temperature: t, bias: 0.01 * t, mse: 0.1 / t + 1e-4 * t * t })),
  ];
  return temperatureTradeoffSpec(rows, {});
}

export function snrFor(): Json {
  return snrVsSamplesSpec([row('arm', 1, 0.25, { trueGrad: 0.5 }), row('arm', 10, 0.025, { trueGrad: 0.5 }), row('disarm', 1, 0, { trueGrad: 0.5, mean: 0.5 })], {});
}
