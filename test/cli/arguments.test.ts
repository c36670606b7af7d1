import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

/** Each case must exit 2 with exactly `error: <message>` and the pointer to --help: no stack trace, no run. */
async function assertUsageErrors(cases: readonly (readonly [readonly string[], string])[]): Promise<void> {
  const dir = await tempDir();
  for (const [args, message] of cases) {
    const { code, stdout, stderr } = await cli(args, dir);
    assert.equal(stderr, `error: ${message}\nRun with --help for usage.\n`, args.join(' '));
    assert.equal(code, 2, args.join(' '));
    assert.equal(stdout, '', args.join(' '));
  }
}

test('an option that takes one value, given twice, is named with both values, in every command', async () => {
  await assertUsageErrors([
    [['run', 'x.yaml', '--out', 'a', '--out', 'b'], '--out given more than once (a, b)'],
    [['run', 'x.yaml', '--backend', 'wasm', '--backend', 'cpu'], '--backend given more than once (wasm, cpu)'],
    [['run', 'x.yaml', '--samples', '1', '--samples', '10'], '--samples given more than once (1, 10)'],
    [['run', 'x.yaml', '--shard', '1/2', '--shard', '2/2'], '--shard given more than once (1/2, 2/2)'],
    [['check', 'results', '--against', 'a', '--against', 'b'], '--against given more than once (a, b)'],
    [['merge', 'a', 'b', '--out', 'x', '--out', 'y'], '--out given more than once (x, y)'],
  ]);
});

test('an option that needs a value, given none or an empty one, is a usage error, not silently its default', async () => {
  await assertUsageErrors([
    [['run', 'x.yaml', '--trials'], '--trials needs a value'],
    [['run', 'x.yaml', '--seed', '--quiet'], '--seed needs a value'],
    [['run', 'x.yaml', '--samples'], '--samples needs a value'],
    [['run', 'x.yaml', '--jobs'], '--jobs needs a value'],
    [['run', 'x.yaml', '--out'], '--out needs a value'],
    [['run', 'x.yaml', '--out='], '--out needs a value'],
    [['run', 'x.yaml', '--out', ''], '--out needs a value'],
    [['run', 'x.yaml', '--backend'], '--backend needs a value'],
    [['run', 'x.yaml', '--shard'], '--shard needs a value'],
    [['check', 'results', '--against'], '--against needs a value'],
    [['check', 'results', '--alpha'], '--alpha needs a value'],
    [['merge', 'a', '--out'], '--out needs a value'],
    // yargs reads --no-<option> as false, which the numeric options' checks cannot read as text.
    [['run', 'x.yaml', '--no-trials'], '--trials needs a value (--no-trials is not one)'],
    [['run', 'x.yaml', '--no-samples'], '--samples needs a value (--no-samples is not one)'],
    [['run', 'x.yaml', '--no-shard'], '--shard needs a value (--no-shard is not one)'],
    [['run', 'x.yaml', '--no-backend'], '--backend needs a value (--no-backend is not one)'],
    [['check', 'results', '--no-alpha'], '--alpha needs a value (--no-alpha is not one)'],
  ]);
});

test('--help gives each numeric option its value form, not the [string] it is read as', async () => {
  const dir = await tempDir();
  const run = await cli(['run', '--help'], dir);
  const check = await cli(['check', '--help'], dir);
  assert.equal(run.code, 0);
  assert.equal(check.code, 0);
  // Joined so yargs' wrapping cannot split a phrase.
  const help = `${run.stdout}\n${check.stdout}`.replace(/\s+/g, ' ');
  for (const [option, form] of [
    ['--trials', 'an integer >= 2'],
    ['--seed', 'an integer >= 0'],
    ['--samples', 'comma-separated integers >= 1'],
    ['--jobs', 'an integer >= 1'],
    ['--alpha', 'a number in (0, 1)'],
  ] as const) {
    const line = help.slice(help.indexOf(` ${option} `), help.indexOf(' --', help.indexOf(` ${option} `) + 1));
    assert.ok(line.includes(`(${form})`), line);
    assert.ok(!line.includes('[string]'), line);
  }
});

test('a bad number is quoted as typed, not as the NaN or 0 it parses to', async () => {
  await assertUsageErrors([
    [['run', 'x.yaml', '--samples', '1,a'], "--samples: 'a' is not an integer >= 1"],
    [['run', 'x.yaml', '--samples', '1,,10'], "--samples: empty entry in '1,,10'"],
    [['run', 'x.yaml', '--samples', '1,0'], "--samples: '0' is not an integer >= 1"],
    [['run', 'x.yaml', '--trials', 'abc'], "--trials must be an integer >= 2 (got 'abc')"],
    [['run', 'x.yaml', '--trials', '2.5'], "--trials must be an integer >= 2 (got '2.5')"],
    [['run', 'x.yaml', '--seed', 'abc'], "--seed must be an integer >= 0 (got 'abc')"],
    [['run', 'x.yaml', '--seed', '-1'], "--seed must be an integer >= 0 (got '-1')"],
    [['run', 'x.yaml', '--jobs', 'abc'], "--jobs must be an integer >= 1 (got 'abc')"],
    [['check', 'results', '--seed', 'abc'], "--seed must be an integer >= 0 (got 'abc')"],
    [['check', 'results', '--jobs', '1.5'], "--jobs must be an integer >= 1 (got '1.5')"],
    [['check', 'results', '--alpha', 'abc'], "--alpha must be in (0, 1) (got 'abc')"],
  ]);
});

test('an integer beyond 2^53 - 1, which would round, is refused naming the limit; the limit itself runs', async () => {
  const limit = 'an integer <= 2^53 - 1 = 9007199254740991';
  await assertUsageErrors([
    [['run', 'x.yaml', '--seed', '9007199254740993'], `--seed must be ${limit} (got '9007199254740993')`],
    [['check', 'results', '--seed', '9007199254740992'], `--seed must be ${limit} (got '9007199254740992')`],
    [['run', 'x.yaml', '--trials', '1' + '0'.repeat(20)], `--trials must be ${limit} (got '1${'0'.repeat(20)}')`],
    [['run', 'x.yaml', '--samples', '1,9007199254740993'], `--samples: '9007199254740993' is not ${limit}`],
  ]);
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1]', 'max-seed'));
  const { code, stderr } = await cli(['run', 'x.yaml', '--out', 'out', '--quiet', '--seed', '9007199254740991'], dir);
  assert.equal(code, 0, stderr);
  const metadata = JSON.parse(await readFile(join(dir, 'out', 'max-seed', 'metadata.json'), 'utf8'));
  assert.equal(metadata.seed, 9007199254740991);
});
