import { frequencySpec, formatPValue, pValueHistogram, pValueSpec, relaxedDrawsSpec } from '../plot/sampling-spec.js';
import { chiSquareGoodnessOfFit } from '../stats/chi-square.js';
import type { RunMetadata } from '../results/metadata.js';
import { SAMPLING_FILES } from '../results/sampling-csv.js';
import type { SamplingCheck, SamplingCheckResult } from '../sampling/sampling-check.js';
import { type FileMap, INDEX_FILE, metadataFacts, remakeCommand, renderFigures } from './artifacts.js';
import { indexHtml } from './index-html.js';
import { fmt, fmtInterval, type Table } from './table.js';

/** metadata.json of a sampling check: what produced the draws. */
export type SamplingCheckMetadata = Pick<RunMetadata, 'tool' | 'node' | 'platform' | 'experiment' | 'seed' | 'started' | 'finished' | 'gitCommit'> & {
  readonly kind: 'sampling-check';
  readonly draws: number;
};

/** The goodness of fit, each class against its probability, and how one-hot the relaxed draws are per tau. */
export function samplingHeadline(result: SamplingCheckResult): Table[] {
  const { fit, classes, relaxed, replicates } = result;
  const temperatures = [...new Set(relaxed.map((v) => v.temperature))];
  const r = replicates.length;
  const below = (alpha: number) => replicates.filter((x) => x.pValue < alpha).length;
  const uniformity = chiSquareGoodnessOfFit(pValueHistogram(replicates.map((x) => x.pValue)), new Array<number>(10).fill(0.1));
  const repeats: Table[] =
    r === 0
      ? []
      : [
          {
            title: `p-values of ${r} independent repeats`,
            note: 'For an exact sampler the p-value is uniform: a fraction α of repeats falls below α. The last column tests the 10-bin histogram of the p-values against uniform.',
            columns: ['repeats', 'p < 0.05', 'p < 0.01', 'histogram vs uniform: χ² (9 dof)', 'its p-value'],
            rows: [[String(r), `${below(0.05)} (${fmt((100 * below(0.05)) / r)}%)`, `${below(0.01)} (${fmt((100 * below(0.01)) / r)}%)`, fmt(uniformity.statistic, 4), formatPValue(uniformity.pValue)]],
          },
        ];
  return [
    {
      title: 'Gumbel-max against softmax(α): Pearson χ² goodness of fit',
      note: 'A p-value that is not small means the frequencies are consistent with softmax(α); it is uniform on [0, 1] when the sampler is exact.',
      columns: ['draws', 'χ²', 'degrees of freedom', 'p-value', 'smallest expected count'],
      rows: [[String(classes.reduce((a, c) => a + c.count, 0)), fmt(fit.statistic, 4), String(fit.dof), formatPValue(fit.pValue), fmt(fit.minExpected)]],
    },
    {
      title: 'Class frequencies',
      columns: ['class', 'softmax(α)', 'count', 'frequency', '95% interval (Wilson)'],
      rows: classes.map((c) => [`c${c.index}`, fmt(c.prob, 4), String(c.count), fmt(c.frequency, 4), fmtInterval(c.lo, c.hi, 4)]),
    },
    ...repeats,
    {
      title: 'Gumbel-Softmax draws: how one-hot',
      note: 'Mean over the draws of the largest component of y (1 is one-hot, 1/K uniform), and the mean distance to the target, ½ Σ|y − softmax(α)|.',
      columns: ['τ', 'draws', 'mean max yᵢ', 'mean ½Σ|y − π|'],
      rows: temperatures.map((t) => {
        const own = relaxed.filter((v) => v.temperature === t);
        const draws = [...new Set(own.map((v) => v.draw))];
        const maxes = draws.map((d) => Math.max(...own.filter((v) => v.draw === d).map((v) => v.value)));
        const tv = draws.map((d) => own.filter((v) => v.draw === d).reduce((acc, v) => acc + Math.abs(v.value - v.prob), 0) / 2);
        const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
        return [fmt(t), String(draws.length), fmt(mean(maxes)), fmt(mean(tv))];
      }),
    },
  ];
}

/** Figures and index.html of a sampling check. */
export async function samplingArtifacts(check: SamplingCheck, result: SamplingCheckResult, metadata: SamplingCheckMetadata): Promise<FileMap> {
  const { rendered, files } = await renderFigures([
    {
      file: 'frequencies',
      caption: 'Empirical class frequencies of argmax(α + g) (diamonds, 95% Wilson intervals) against softmax(α) (bars), with the χ² goodness-of-fit p-value.',
      spec: frequencySpec(result.classes, result.fit, { title: `${check.name}: ${check.draws} draws of argmax(α + g) against softmax(α)` }),
    },
    ...(result.replicates.length === 0
      ? []
      : [
          {
            file: 'p-values',
            caption: 'p-values of independent repeats of the frequency check: uniform on [0, 1] when Gumbel-max sampling is exact; the red line is this run\'s check.',
            spec: pValueSpec(result.replicates, result.fit.pValue),
          },
        ]),
    {
      file: 'relaxed-draws',
      caption: 'Gumbel-Softmax draws softmax((α + g)/τ) at several temperatures (lines) against softmax(α) (bars): near-uniform at large τ, nearly one-hot at small τ.',
      spec: relaxedDrawsSpec(result.relaxed, { title: `${check.name}: Gumbel-Softmax draws against softmax(α)` }),
    },
  ]);
  const page = {
    title: check.name,
    description: check.description,
    experimentFile: metadata.experiment.file,
    experimentText: metadata.experiment.text,
    figures: rendered,
    tables: samplingHeadline(result),
    facts: metadataFacts(metadata),
    metadata,
    files: [SAMPLING_FILES.frequencies, SAMPLING_FILES.replicates, SAMPLING_FILES.relaxed, SAMPLING_FILES.metadata, ...Object.keys(files)],
    command: remakeCommand(metadata.experiment.file),
  };
  return { ...files, [INDEX_FILE]: indexHtml(page) };
}
