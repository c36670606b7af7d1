import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPng, renderSvg } from '../../src/plot/render.js';
import { varianceVsSamplesSpec } from '../../src/plot/variance-spec.js';
import { exampleRows } from './fixtures.js';

test('renders an SVG with the axis titles and a PNG', async () => {
  const svg = await renderSvg(varianceVsSamplesSpec(exampleRows(), {}));
  assert.match(svg, /^<svg/);
  assert.ok(svg.includes('samples per estimate (n)'));
  assert.ok(svg.includes('variance of the gradient estimate'));
  assert.ok(svg.includes('gumbel-softmax τ=0.5'));
  const png = await renderPng(svg);
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
});
