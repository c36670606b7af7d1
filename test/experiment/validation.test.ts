import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/experiment/input-error.js';
import { parseExperiment } from '../../src/experiment/load.js';

const base = `name: t
seed: 1
trials: 50
objective:
  kind: categorical-linear
  probs: [0.2, 0.3, 0.5]
  reward: [1, 2, 3]
grid:
  estimator: [reinforce, gumbel-softmax]
  temperature: [0.5]
  samples: [1, 10]
`;

function problemsOf(text: string): string[] {
  try {
    parseExperiment('x.yaml', text);
  } catch (error) {
    assert.ok(error instanceof InputError, String(error));
    return error.problems.map((p) => `${p.line}:${p.column} ${p.path ?? ''} ${p.message}`);
  }
  assert.fail('expected an InputError');
}

test('a valid file parses with its lists expanded', () => {
  const experiment = parseExperiment('x.yaml', base);
  assert.equal(experiment.trials, 50);
  assert.deepEqual(experiment.samples, [1, 10]);
  assert.deepEqual(
    experiment.estimators.map((e) => e.label),
    ['reinforce', 'gumbel-softmax'],
  );
});

const cases: [string, string, RegExp][] = [
  ['unknown estimator', base.replace('[reinforce, gumbel-softmax]', '[reinfroce, gumbel-softmax]'), /^9:15 grid\.estimator\[0\] unknown estimator 'reinfroce' \(did you mean 'reinforce'\?\); allowed: pathwise, reinforce/],
  ['unknown objective', base.replace('categorical-linear', 'categorical-linaer'), /^5:9 objective\.kind unknown objective 'categorical-linaer' \(did you mean 'categorical-linear'\?\); allowed: categorical-linear,/],
  ['wrong-length vector', base.replace('[1, 2, 3]', '[1, 2]'), /^7:11 objective\.reward `reward` has length 2 but the distribution has K = 3 classes/],
  ['tau <= 0', base.replace('temperature: [0.5]', 'temperature: [0.5, 0]'), /^10:22 grid\.temperature\[1\] temperature must be > 0 \(got 0\)/],
  ['samples < 1', base.replace('samples: [1, 10]', 'samples: [0, 10]'), /^11:13 grid\.samples\[0\] samples must be an integer >= 1 \(got 0\)/],
  ['unknown key with a near miss', base.replace('trials: 50', 'trails: 50'), /^3:1 trails unknown key 'trails' \(did you mean 'trials'\?\)/],
  ['missing temperature', base.replace('  temperature: [0.5]\n', ''), /grid gumbel-softmax take a temperature: add grid\.temperature/],
  ['unsafe name', base.replace('name: t', 'name: ../evil'), /^1:7 name must be a safe directory name/],
  ['YAML syntax error', base.replace('samples: [1, 10]', 'samples: [1, 10'), /YAML syntax error/],
];

for (const [what, text, expected] of cases) {
  test(`bad input: ${what} gives one clear message with line, column and key`, () => {
    const problems = problemsOf(text);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] as string, expected);
  });
}
