import { test } from 'node:test';
import assert from 'node:assert/strict';
import { estimatorBaseName, estimatorColor, KNOWN_ESTIMATORS, seriesColorScale } from '../../src/plot/estimator-colors.js';

test('base name drops options', () => {
  assert.equal(estimatorBaseName('reinforce-baseline(baseline=loo)'), 'reinforce-baseline');
  assert.equal(estimatorBaseName('pathwise'), 'pathwise');
});

test('colour is stable per estimator, ignores options, and differs between known estimators', () => {
  assert.equal(estimatorColor('reinforce-baseline(baseline=loo)'), estimatorColor('reinforce-baseline'));
  assert.equal(estimatorColor('pathwise'), estimatorColor('pathwise'));
  assert.equal(estimatorColor('pathwise'), '#4e79a7');
  const colors = KNOWN_ESTIMATORS.map(estimatorColor);
  assert.equal(new Set(colors).size, KNOWN_ESTIMATORS.length);
  assert.match(estimatorColor('some-new-estimator'), /^#[0-9a-f]{6}$/);
  assert.equal(estimatorColor('some-new-estimator'), estimatorColor('some-new-estimator(x=1)'));
});

test('colour scale: one colour per series, estimator hue kept for a lone series, variants distinct', () => {
  const scale = seriesColorScale([
    { series: 'pathwise', estimator: 'pathwise' },
    { series: 'gumbel-softmax τ=0.5', estimator: 'gumbel-softmax' },
    { series: 'gumbel-softmax τ=1', estimator: 'gumbel-softmax' },
  ]);
  assert.deepEqual(scale.domain, ['pathwise', 'gumbel-softmax τ=0.5', 'gumbel-softmax τ=1']);
  assert.equal(scale.range[0], estimatorColor('pathwise'));
  assert.equal(new Set(scale.range).size, 3);
});
