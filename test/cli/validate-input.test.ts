import assert from 'node:assert/strict';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

test('a key that is a list is one unknown-key line, without a Node warning from the YAML parser', async () => {
  const dir = await tempDir();
  const text = `? [a, b]\n: c\n${smallExperiment('  estimator: [reinforce]\n  samples: [1]')}`;
  await writeExperiment(dir, 'x.yaml', text);
  const { code, stderr } = await cli(['validate', 'x.yaml'], dir);
  assert.equal(code, 2, stderr);
  assert.equal(stderr, "x.yaml:1:1: [ a, b ]: unknown key '[ a, b ]'; allowed: kind, name, description, seed, trials, objective, grid, plot\n");
});

const looOnly = smallExperiment('  estimator: [reinforce-baseline]\n  samples: [2, 4]', 'loo-only');

test('run: --samples that leave no cell to run is exit 2 naming the flag, and nothing is written', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', looOnly);
  const { code, stderr } = await cli(['run', 'x.yaml', '--samples', '1', '--out', 'out', '--jobs', '1'], dir);
  assert.equal(code, 2, stderr);
  assert.equal(stderr, 'x.yaml: grid: with --samples: no cell of the grid can run: reinforce-baseline needs samples >= 2 (baseline=loo)\n');
  await assert.rejects(readdir(join(dir, 'out')), { code: 'ENOENT' });
});

test('run: --trials beyond the size limit is refused like the same trials in the file', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', looOnly);
  const { code, stderr } = await cli(['run', 'x.yaml', '--trials', '100000000', '--out', 'out', '--jobs', '1'], dir);
  assert.equal(code, 2, stderr);
  assert.match(stderr, /^x\.yaml: trials: with --trials: trials x noise size = 3\.0e\+8 values per sample step needs about [\d.]+ GiB; lower trials or pass --force\n$/);
  await assert.rejects(readdir(join(dir, 'out')), { code: 'ENOENT' });
});

test('run: --samples that leave out the count a plot is pinned to is exit 2, not an empty plot', async () => {
  const dir = await tempDir();
  const grid = '  estimator: [gumbel-softmax]\n  temperature: [0.5, 1]\n  samples: [2, 4]\nplot:\n  kind: temperature-tradeoff\n  samples: 4';
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'pinned'));
  const { code, stderr } = await cli(['run', 'x.yaml', '--samples', '2', '--out', 'out', '--jobs', '1'], dir);
  assert.equal(code, 2, stderr);
  assert.equal(stderr, 'x.yaml: plot.samples: with --samples: 4 is not among the sample counts (2); add it to --samples\n');
  await assert.rejects(readdir(join(dir, 'out')), { code: 'ENOENT' });
});
