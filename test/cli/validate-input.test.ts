import assert from 'node:assert/strict';
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
