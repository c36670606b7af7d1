import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nonPlottable, REFERENCE, seriesLabel, varianceVsSamplesSpec } from '../../src/plot/variance-spec.js';
import { estimatorColor } from '../../src/plot/estimator-colors.js';
import { exampleRows, row } from './fixtures.js';

// The spec is plain data: inspect it as such.
type Json = Record<string, any>;
const asJson = (spec: unknown): Json => spec as Json;
const layersOf = (spec: Json): Json[] => (spec.layer ?? spec.spec.layer) as Json[];
const values = (spec: Json): Json[] => spec.data.values as Json[];

test('log scales on x and y in every layer, with the axis titles', () => {
  const spec = asJson(varianceVsSamplesSpec(exampleRows(), {}));
  for (const layer of layersOf(spec)) {
    assert.equal(layer.encoding.x.scale.type, 'log');
    assert.equal(layer.encoding.y.scale.type, 'log');
  }
  const line = layersOf(spec).find((l) => l.mark.type === 'line')!;
  assert.equal(line.encoding.x.axis.title, 'samples per estimate (n)');
  assert.equal(line.encoding.y.axis.title, 'variance of the gradient estimate');
  assert.deepEqual(line.encoding.x.axis.values, [1, 10, 100, 1000, 10000]);
  assert.ok(spec.config.legend.labelLimit >= 300);
  assert.equal(spec.config.font, 'DejaVu Sans');
});

test('1/n reference follows v0 * n0 / n, v0 the geometric mean at the smallest n', () => {
  const rows = exampleRows();
  const spec = asJson(varianceVsSamplesSpec(rows, {}));
  assert.ok(layersOf(spec).some((l) => l.transform?.[0]?.filter === "datum.kind === 'reference'"));
  const ref = values(spec).filter((v) => v.kind === 'reference');
  const v0 = Math.exp((Math.log(4) + Math.log(0.5) + Math.log(0.1)) / 3);
  assert.deepEqual(ref.map((r) => r.samples), [1, 10, 100, 1000, 10000]);
  for (const r of ref) {
    assert.equal(r.variance, (v0 * 1) / r.samples);
    assert.equal(r.series, REFERENCE);
  }
});

test('series labels carry τ for temperatured estimators only', () => {
  assert.equal(seriesLabel({ estimator: 'gumbel-softmax', temperature: 0.5 }), 'gumbel-softmax τ=0.5');
  assert.equal(seriesLabel({ estimator: 'reinforce', temperature: undefined }), 'reinforce');
  const spec = asJson(varianceVsSamplesSpec(exampleRows(), {}));
  const series = new Set(values(spec).filter((v) => v.kind === 'estimate').map((v) => v.series));
  assert.deepEqual([...series].sort(), ['gumbel-softmax τ=0.5', 'gumbel-softmax τ=1', 'reinforce']);
});

test('colour scale in the spec uses the estimator colour', () => {
  const spec = asJson(varianceVsSamplesSpec(exampleRows(), {}));
  const color = layersOf(spec).find((l) => l.mark.type === 'point')!.encoding.color.scale;
  assert.equal(color.range[color.domain.indexOf('reinforce')], estimatorColor('reinforce'));
});

test('non-plottable rows are reported and left out of the data', () => {
  const bad = [row('reinforce', 10, 0), row('reinforce', 100, Number.NaN), row('reinforce', 1000, -1), row('reinforce', 1, Infinity)];
  const rows = [...exampleRows(), ...bad];
  assert.deepEqual(nonPlottable(rows), bad);
  const spec = asJson(varianceVsSamplesSpec(rows, {}));
  assert.equal(values(spec).filter((v) => v.kind === 'estimate').length, exampleRows().length);
});

test('one facet column per requested param; default is the first param only', () => {
  const rows = [...exampleRows('a'), ...exampleRows('b')];
  const single = asJson(varianceVsSamplesSpec(rows, {}));
  assert.equal(single.facet, undefined);
  assert.ok(values(single).every((v) => v.param === 'a'));
  const faceted = asJson(varianceVsSamplesSpec(rows, { params: ['a', 'b'], title: 'T' }));
  assert.equal(faceted.facet.column.field, 'param');
  assert.equal(faceted.title, 'T');
  assert.deepEqual(new Set(values(faceted).filter((v) => v.kind === 'reference').map((v) => v.param)), new Set(['a', 'b']));
});
