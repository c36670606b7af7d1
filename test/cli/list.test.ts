import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/experiment-files.js';

test('list puts an option\'s choices and default in brackets after its name, apart from its description', async () => {
  const { code, stdout, stderr } = await cli(['list'], await tempDir());
  assert.equal(code, 0, stderr);
  assert.match(stdout, /^ {6}baseline \[loo \| mean \| optimal; default loo\]: loo: mean of f .*\(objectives with exact moments\)$/m);
  assert.match(stdout, /^ {6}eta \[default 1\]: control-variate scale/m);
  assert.match(stdout, /^ {6}logits: unnormalized/m, 'no brackets without choices or default');
  assert.doesNotMatch(stdout, /one of|\(default /, 'nothing appended to a description');
});
