import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/experiment/input-error.js';
import { parseExperiment, parseSamplingCheck } from '../../src/experiment/load.js';
import { renderSvg } from '../../src/plot/render.js';
import { renderFigures } from '../../src/report/artifacts.js';
import { fieldSpecFor, snrFor, temperatureFor, varianceFor } from './spec-fixtures.js';

const base = (plot: string, grid = '  estimator: [reinforce, gumbel-softmax]\n  temperature: [0.5, 1]\n  samples: [1, 10]') => `name: p
objective:
  kind: bernoulli-quadratic
  logit: 0
  target: 0.45
grid:
${grid}
${plot}`;

const problems = (text: string): string[] => {
  try {
    parseExperiment('x.yaml', text);
    return [];
  } catch (error) {
    assert.ok(error instanceof InputError);
    return error.problems.map((p) => `${p.path}: ${p.message}`);
  }
};

test('plot: default is one variance-vs-samples plot; `params` alone still works; a list gives several', () => {
  assert.deepEqual(parseExperiment('x.yaml', base('')).plots.map((p) => [p.kind, p.file]), [['variance-vs-samples', 'variance']]);
  const withParams = parseExperiment('x.yaml', base("plot:\n  params: ['logit']"));
  assert.deepEqual(withParams.plotParams, ['logit']);
  assert.equal(withParams.plots[0]?.kind, 'variance-vs-samples');
  const list = parseExperiment('x.yaml', base('plot:\n  - kind: snr-vs-samples\n  - kind: temperature-tradeoff\n    samples: 10'));
  assert.deepEqual(list.plots.map((p) => [p.kind, p.file, p.samples]), [['snr-vs-samples', 'snr', undefined], ['temperature-tradeoff', 'temperature-tradeoff', 10]]);
});

test('plot: problems are reported at their keys', () => {
  assert.deepEqual(problems(base('plot:\n  kind: variance-vs-field')), ['plot.kind: variance-vs-field needs a swept objective field (grid.objective.<field>)']);
  assert.deepEqual(problems(base("plot:\n  params: ['mu']")), ["plot.params[0]: unknown parameter 'mu'; the objective's parameters: logit"]);
  assert.deepEqual(problems(base('plot:\n  kind: temperature-tradeoff\n  samples: 7')), ['plot.samples: 7 is not among grid.samples (1, 10)']);
  assert.deepEqual(problems(base('plot:\n  - kind: snr-vs-samples\n  - kind: snr-vs-samples')), ['plot[1]: two plots would write snr.svg: keep one plot per kind (and field)']);
  assert.deepEqual(problems(base('plot:\n  kind: temperature-tradeoff', '  estimator: [reinforce]\n  samples: [1]')), [
    'plot.kind: temperature-tradeoff needs an estimator that takes a temperature (gumbel-softmax, st-gumbel-softmax)',
  ]);
  assert.deepEqual(problems(base('plot:\n  kind: snr-vs-samples\n  field: target')), ['plot.field: only variance-vs-field plots take a field (this is snr-vs-samples)']);
  assert.match(problems(base('plot:\n  kind: histogram'))[0] ?? '', /^plot\.kind: /);
});

test('variance-vs-field takes the only swept field by default and refuses an unswept one', () => {
  const swept = base('plot:\n  kind: variance-vs-field', '  estimator: [reinforce]\n  samples: [1]\n  objective.target: [0.4, 0.45]');
  assert.equal(parseExperiment('x.yaml', swept).plots[0]?.file, 'variance-vs-target');
  assert.deepEqual(problems(swept.replace('kind: variance-vs-field', 'kind: variance-vs-field\n  field: logit')), ["plot.field: 'logit' is not swept; swept fields: target"]);
});

test('no plot drawn over a swept field it does not show: refused; one swept field is on x by default', () => {
  const oneSweep = '  estimator: [reinforce]\n  samples: [1, 10]\n  objective.target: [0.4, 0.45]';
  assert.deepEqual(parseExperiment('x.yaml', base('', oneSweep)).plots.map((p) => [p.kind, p.field, p.file]), [['variance-vs-field', 'target', 'variance-vs-target']]);
  assert.deepEqual(problems(base('plot:\n  kind: snr-vs-samples', oneSweep)), [
    'plot: a snr-vs-samples plot cannot tell apart the values of swept objective.target: their points would overlap. Plot kind: variance-vs-field puts target on x; or run one experiment per value',
  ]);
  const twoSweeps = `${oneSweep}\n  objective.logit: [0, 1]`;
  assert.deepEqual(problems(base('plot:\n  kind: variance-vs-field\n  field: target', twoSweeps)), [
    'plot: a variance-vs-field plot cannot tell apart the values of swept objective.logit besides target on x: their points would overlap. Fix all but one swept field, or run one experiment per value',
  ]);
  assert.equal(problems(base('', twoSweeps)).length, 1, 'the default plot too');
});

test('kind: sampling-check files validate on their own schema; a variance file must not name another kind', () => {
  const check = parseSamplingCheck('s.yaml', 'kind: sampling-check\nname: s\ndistribution:\n  probs: [0.5, 0.5]\n');
  assert.deepEqual([check.draws, check.replications, check.temperatures, check.relaxedDraws, check.seed], [8000, 0, [5, 1, 0.5, 0.1], 5, 1]);
  assert.throws(() => parseSamplingCheck('s.yaml', 'kind: sampling-check\nname: s\ndistribution:\n  probs: [0.5, 0.6]\n'), /probs must sum to 1/);
  assert.throws(() => parseSamplingCheck('s.yaml', 'kind: sampling-check\nname: s\ndistribution: {}\n'), /exactly one of `logits` or `probs`/);
  assert.deepEqual(problems(`kind: sampling\n${base('')}`), ["kind: unknown kind 'sampling'; allowed: variance (the default), sampling-check"]);
});

test('zero variances are drawn as markers on a floor and named in the subtitle, not dropped', () => {
  const spec = varianceFor([0, 0, 1e-34]);
  const floor = spec.data.values.filter((v: { kind: string }) => v.kind === 'floor');
  assert.equal(floor.length, 3);
  assert.match(spec.title.subtitle.join(' '), /▼ on the bottom edge: 3 variances/);
  assert.ok(spec.layer.some((l: { mark: { shape?: string } }) => l.mark.shape === 'triangle-down'));
  const field = fieldSpecFor();
  assert.ok(field.data.values.some((v: { kind: string }) => v.kind === 'floor'));
  assert.match(field.title.subtitle.join(' '), /▼ on the bottom edge: 1 measured variance at or below 0.01/);
});

test('closed-form curves are drawn in the field plot; the temperature plot has one series per estimator', () => {
  const field = fieldSpecFor();
  const exact = field.data.values.filter((v: { kind: string }) => v.kind === 'exact');
  assert.ok(exact.length > 100);
  for (const point of exact) assert.equal(point.value, Math.max(0.01, 4 * (1 - point.x) ** 2 + 8));
  for (const layer of field.layer) if (layer.encoding.y) assert.equal(layer.encoding.y.scale.type, "log");
  const temperature = temperatureFor();
  assert.deepEqual(temperature.spec.layer[0].encoding.color.scale.domain, ['reinforce', 'gumbel-softmax']);
  assert.deepEqual(temperature.facet.column.sort, ['bias²', 'variance', 'MSE']);
});

test('SNR: |true gradient| / sd with zero-variance cells as infinite markers on the top edge', () => {
  const spec = snrFor();
  const finite = spec.data.values.filter((v: { kind: string }) => v.kind === 'snr');
  assert.equal(finite[0].snr, 0.5 / Math.sqrt(0.25));
  assert.equal(spec.data.values.filter((v: { kind: string }) => v.kind === 'infinite').length, 1);
  assert.match(spec.title.subtitle.join(' '), /infinite SNR/);
});

test('plot: an unknown key inside a plot (object or list form) names the allowed keys', () => {
  assert.match(problems(base('plot:\n  kind: snr-vs-samples\n  parms: [logit]'))[0] ?? '', /^plot\.parms: unknown key 'parms' \(did you mean 'params'\?\); allowed: kind, params, field, samples, logX, yFloor/);
  assert.match(problems(base('plot:\n  - kind: snr-vs-samples\n    logx: true'))[0] ?? '', /^plot\[0\]\.logx: unknown key 'logx' \(did you mean 'logX'\?\)/);
});

test('rendered SVGs do not depend on what was drawn before them, and inline figures never share an id', async () => {
  const figure = { file: 'variance', caption: '', spec: varianceFor([0]) };
  const first = await renderFigures([figure]);
  await renderSvg(varianceFor([]));
  const second = await renderFigures([figure, { ...figure, file: 'other' }]);
  assert.equal(second.files['variance.svg'], first.files['variance.svg']);
  const ids = (svg: string) => [...svg.matchAll(/id="([^"]+)"/g)].map((m) => m[1]);
  const all = [...ids(second.files['variance.svg'] as string), ...ids(second.files['other.svg'] as string)];
  assert.ok(all.length > 0 && all.every((id) => /^(variance|other)-clip\d+$/.test(id ?? '')));
  assert.equal(new Set(all).size, all.length);
});
