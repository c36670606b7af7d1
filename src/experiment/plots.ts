import type { PlotFile, PlotKind } from './schema.js';

/** A plot of a variance experiment, checked against its grid. */
export interface PlotConfig {
  readonly kind: PlotKind;
  /** Parameters shown, one facet each; undefined: the first parameter of the rows. */
  readonly params: readonly string[] | undefined;
  /** variance-vs-field: the swept field on x. */
  readonly field: string | undefined;
  /** The one sample count shown (temperature-tradeoff, variance-vs-field); undefined: the largest present. */
  readonly samples: number | undefined;
  readonly logX: boolean;
  readonly yFloor: number | undefined;
  /** Base name of its files beside the CSV: <file>.vl.json, .svg, .png. */
  readonly file: string;
}

/** What the plot checks need to know about the rest of the experiment. */
export interface PlotContext {
  readonly paramNames: readonly string[] | undefined;
  readonly sweepFields: readonly string[];
  readonly samples: readonly number[];
  readonly takesTemperature: boolean;
}

export interface PlotIssue {
  readonly path: readonly (string | number)[];
  readonly message: string;
}

/** variance-vs-samples keeps the historical name `variance`, so the default experiment's files stay where they were. */
export function plotFileName(kind: PlotKind, field: string | undefined): string {
  switch (kind) {
    case 'variance-vs-samples':
      return 'variance';
    case 'temperature-tradeoff':
      return 'temperature-tradeoff';
    case 'variance-vs-field':
      return `variance-vs-${field ?? 'field'}`;
    case 'snr-vs-samples':
      return 'snr';
  }
}

/** The `plot:` section as a list of checked plots (default: one variance-vs-samples plot, or variance-vs-field for a grid sweeping one objective field). */
export function resolvePlots(plot: PlotFile | readonly PlotFile[] | undefined, context: PlotContext, issues: PlotIssue[]): PlotConfig[] {
  // One swept objective field: the default figure puts it on x; otherwise variance against n.
  const fallback = context.sweepFields.length === 1 ? ('variance-vs-field' as const) : ('variance-vs-samples' as const);
  const entries = plot === undefined ? [{ kind: fallback }] : Array.isArray(plot) ? plot : [plot as PlotFile];
  const single = !Array.isArray(plot);
  const plots = entries.map((entry: Partial<PlotFile> & { kind: PlotKind }, i): PlotConfig => {
    const at = (...keys: (string | number)[]) => (single ? ['plot', ...keys] : ['plot', i, ...keys]);
    entry.params?.forEach((param, j) => {
      if (context.paramNames && !context.paramNames.includes(param)) {
        issues.push({ path: at('params', j), message: `unknown parameter '${param}'; the objective's parameters: ${context.paramNames.join(', ')}` });
      }
    });
    if (entry.samples !== undefined && !context.samples.includes(entry.samples)) {
      issues.push({ path: at('samples'), message: `${entry.samples} is not among grid.samples (${context.samples.join(', ')})` });
    }
    let field = entry.field;
    if (entry.kind === 'variance-vs-field') {
      if (field === undefined && context.sweepFields.length === 1) field = context.sweepFields[0];
      if (context.sweepFields.length === 0) {
        issues.push({ path: at('kind'), message: 'variance-vs-field needs a swept objective field (grid.objective.<field>)' });
      } else if (field === undefined) {
        issues.push({ path: at(), message: `name the field on x: one of ${context.sweepFields.join(', ')}` });
      } else if (!context.sweepFields.includes(field)) {
        issues.push({ path: at('field'), message: `'${field}' is not swept; swept fields: ${context.sweepFields.join(', ')}` });
      }
    } else if (field !== undefined) {
      issues.push({ path: at('field'), message: `only variance-vs-field plots take a field (this is ${entry.kind})` });
    }
    // Every plot draws one series per estimator (and parameter): rows that differ only in a swept
    // field it does not put on an axis would be drawn on top of each other, under one closed form.
    const fieldReported = entry.kind === 'variance-vs-field' && (field === undefined || !context.sweepFields.includes(field));
    const hidden = fieldReported ? [] : context.sweepFields.filter((f) => f !== field);
    if (hidden.length > 0) {
      const shown = field === undefined ? '' : ` besides ${field} on x`;
      issues.push({
        path: at(),
        message: `a ${entry.kind} plot cannot tell apart the values of swept ${hidden.map((f) => `objective.${f}`).join(', ')}${shown}: their points would overlap. ${
          field === undefined && hidden.length === 1 ? `Plot kind: variance-vs-field puts ${hidden[0]} on x; or` : 'Fix all but one swept field, or'
        } run one experiment per value`,
      });
    }
    if (entry.kind === 'temperature-tradeoff' && !context.takesTemperature) {
      issues.push({ path: at('kind'), message: 'temperature-tradeoff needs an estimator that takes a temperature (gumbel-softmax, st-gumbel-softmax)' });
    }
    return {
      kind: entry.kind,
      params: entry.params,
      field,
      samples: entry.samples,
      logX: entry.logX ?? false,
      yFloor: entry.yFloor,
      file: plotFileName(entry.kind, field),
    };
  });
  plots.forEach((p, i) => {
    if (plots.findIndex((q) => q.file === p.file) !== i) {
      issues.push({ path: single ? ['plot'] : ['plot', i], message: `two plots would write ${p.file}.svg: keep one plot per kind (and field)` });
    }
  });
  return plots;
}
