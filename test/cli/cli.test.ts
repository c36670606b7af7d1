import assert from 'node:assert/strict';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli, spawnCli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

const grid = `  estimator: [reinforce, st-gumbel-softmax]
  temperature: [0.5]
  samples: [1, 4]`;

test('run writes results.csv, metadata and the variance plot as SVG and PNG; exit 0', async () => {
  const dir = await tempDir();
  const file = await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'cli-run'));
  const { code, stdout, stderr } = await cli(['run', file, '--out', 'out', '--quiet'], dir);
  assert.equal(code, 0, stderr);
  assert.match(stdout, /cli-run: 4 cells on wasm/);
  for (const name of ['results.csv', 'metadata.json', 'variance.vl.json', 'variance.svg', 'variance.png']) {
    assert.ok((await stat(join(dir, 'out', 'cli-run', name))).size > 0, name);
  }
  const metadata = JSON.parse(await readFile(join(dir, 'out', 'cli-run', 'metadata.json'), 'utf8'));
  assert.equal(metadata.backend, 'wasm');
  assert.equal(metadata.cells.length, 4);
});

test('bad input exits 2 with one message and leaves earlier results untouched', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'keep'));
  assert.equal((await cli(['run', 'x.yaml', '--out', 'out', '--quiet'], dir)).code, 0);
  const before = await readFile(join(dir, 'out', 'keep', 'results.csv'), 'utf8');
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid.replace('reinforce', 'reinforse'), 'keep'));
  const { code, stderr } = await cli(['run', 'x.yaml', '--out', 'out'], dir);
  assert.equal(code, 2);
  assert.match(stderr, /^x\.yaml:\d+:\d+: grid\.estimator\[0\]: unknown estimator 'reinforse' \(did you mean 'reinforce'\?\)/);
  assert.doesNotMatch(stderr, /\n\s+at /, 'no stack trace');
  assert.equal(await readFile(join(dir, 'out', 'keep', 'results.csv'), 'utf8'), before);
});

test('a missing file exits 2 naming it', async () => {
  const dir = await tempDir();
  const { code, stderr } = await cli(['run', 'nope.yaml'], dir);
  assert.equal(code, 2);
  assert.match(stderr, /^nope\.yaml: cannot read experiment file: no such file/);
});

test('bad flags exit 2 with the allowed values', async () => {
  const dir = await tempDir();
  const { code, stderr } = await cli(['run', '--backend', 'gpu'], dir);
  assert.equal(code, 2);
  assert.match(stderr, /Choices: "wasm", "cpu", "tensorflow"/);
});

test('out-of-range flag values exit 2 with one line naming the flag, no stack trace', async () => {
  const dir = await tempDir();
  for (const [args, message] of [
    [['run', '--jobs', '0'], "--jobs must be an integer >= 1 (got '0')"],
    [['run', '--shard', '3/2'], "--shard must be i/N with 1 <= i <= N, e.g. 2/4 (got '3/2')"],
    [['check', 'results', '--alpha', '2'], "--alpha must be in (0, 1) (got '2')"],
  ] as const) {
    const { code, stderr } = await cli(args, dir);
    assert.equal(code, 2, args.join(' '));
    assert.equal(stderr, `error: ${message}\nRun with --help for usage.\n`);
  }
});

test('a reader that stops early (run ... | head) ends the output, not the run: exit 0, results written', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'piped'));
  const child = spawnCli(['run', 'x.yaml', '--out', 'out'], dir);
  // Closed before the CLI writes anything: every line it prints meets EPIPE.
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise((resolve) => child.on('close', resolve));
  assert.equal(code, 0, stderr);
  assert.doesNotMatch(stderr, /EPIPE|\n\s+at /);
  assert.ok((await stat(join(dir, 'out', 'piped', 'results.csv'))).size > 0);
});

test('help shows the command name wherever an example names a command, never a literal $0', async () => {
  const dir = await tempDir();
  for (const command of ['run', 'check', 'merge', 'plot', 'validate', 'list']) {
    const { code, stdout } = await cli([command, '--help'], dir);
    assert.equal(code, 0, command);
    assert.doesNotMatch(stdout, /\$0/, command);
  }
  assert.match((await cli(['run', '--help'], dir)).stdout, /reparam-bench merge part1 part2 part3 --out results/);
});
