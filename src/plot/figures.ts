import type { TopLevelSpec } from 'vega-lite';
import type { PlotConfig } from '../experiment/plots.js';
import type { Experiment } from '../experiment/validate.js';
import type { ExactLookup } from '../report/exact-variance.js';
import type { ResultRow } from '../results/result-row.js';
import { varianceVsFieldSpec } from './field-spec.js';
import { snrVsSamplesSpec } from './snr-spec.js';
import { temperatureTradeoffSpec } from './temperature-spec.js';
import { varianceVsSamplesSpec } from './variance-spec.js';

/** One figure of a results directory: written as <file>.vl.json, <file>.svg and <file>.png. */
export interface Figure {
  readonly file: string;
  /** One line on what it shows (index.html, gallery). */
  readonly caption: string;
  readonly spec: TopLevelSpec;
}

function figure(experiment: Experiment, plot: PlotConfig, rows: readonly ResultRow[], exact: ExactLookup): Figure {
  const params = plot.params;
  const title = experiment.name;
  switch (plot.kind) {
    case 'variance-vs-samples':
      return {
        file: plot.file,
        caption: 'Variance of the gradient estimate against the samples per estimate n (log-log), 95% bands, dashed 1/n reference; dotted lines are closed forms where known.',
        spec: varianceVsSamplesSpec(rows, {
          title,
          ...(params ? { params } : {}),
          exact: (row) => {
            const single = exact(row);
            return single === undefined ? undefined : single / row.samples;
          },
          ...(plot.yFloor !== undefined ? { yFloor: plot.yFloor } : {}),
        }),
      };
    case 'temperature-tradeoff':
      return {
        file: plot.file,
        caption: 'Bias², variance and MSE against the temperature τ (log-log) at a fixed n: lowering τ trades bias for variance.',
        spec: temperatureTradeoffSpec(rows, {
          title,
          ...(params ? { params } : {}),
          ...(plot.samples !== undefined ? { samples: plot.samples } : {}),
          ...(plot.yFloor !== undefined ? { yFloor: plot.yFloor } : {}),
        }),
      };
    case 'variance-vs-field': {
      const field = plot.field as string;
      return {
        file: plot.file,
        caption: `Per-sample variance against ${field} (log y): measured points with 95% intervals, closed forms as lines.`,
        spec: varianceVsFieldSpec(rows, {
          title,
          field,
          ...(params ? { params } : {}),
          ...(plot.samples !== undefined ? { samples: plot.samples } : {}),
          logX: plot.logX,
          ...(plot.yFloor !== undefined ? { yFloor: plot.yFloor } : {}),
          exact: (row, x) => exact(row, { [field]: x }),
        }),
      };
    }
    case 'snr-vs-samples':
      return {
        file: plot.file,
        caption: 'Signal-to-noise ratio |true gradient| / sd against n (log-log): below the grey line at 1 a gradient step\'s sign is close to a coin flip.',
        spec: snrVsSamplesSpec(rows, { title, ...(params ? { params } : {}) }),
      };
  }
}

/** Every figure the experiment's `plot:` section asks for, from its rows. */
export function varianceFigures(experiment: Experiment, rows: readonly ResultRow[], exact: ExactLookup): Figure[] {
  return experiment.plots.map((plot) => figure(experiment, plot, rows, exact));
}
