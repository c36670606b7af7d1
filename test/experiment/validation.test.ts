import assert from 'node:assert/strict';
import { test } from 'node:test';
import { InputError } from '../../src/experiment/input-error.js';
import { countCells, planCells } from '../../src/experiment/cells.js';
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

/** A Gaussian experiment with pathwise at n = 1 and the given extra grid lines. */
const gaussian = (gridLines: string) => `name: g
objective:
  kind: gaussian-quadratic
  mu: 1
  sigma: 1
  k: 0
grid:
  estimator: [pathwise]
  samples: [1]
${gridLines}
`;

const cases: [string, string, RegExp][] = [
  ['unknown estimator', base.replace('[reinforce, gumbel-softmax]', '[reinfroce, gumbel-softmax]'), /^9:15 grid\.estimator\[0\] unknown estimator 'reinfroce' \(did you mean 'reinforce'\?\); allowed: pathwise, reinforce/],
  ['unknown objective', base.replace('categorical-linear', 'categorical-linaer'), /^5:9 objective\.kind unknown objective 'categorical-linaer' \(did you mean 'categorical-linear'\?\); allowed: categorical-linear,/],
  ['wrong-length vector', base.replace('[1, 2, 3]', '[1, 2]'), /^7:11 objective\.reward `reward` has length 2 but the distribution has K = 3 classes/],
  ['tau <= 0', base.replace('temperature: [0.5]', 'temperature: [0.5, 0]'), /^10:22 grid\.temperature\[1\] temperature must be > 0 \(got 0\)/],
  ['samples < 1', base.replace('samples: [1, 10]', 'samples: [0, 10]'), /^11:13 grid\.samples\[0\] samples must be an integer >= 1 \(got 0\)/],
  ['unknown key with a near miss', base.replace('trials: 50', 'trails: 50'), /^3:1 trails unknown key 'trails' \(did you mean 'trials'\?\)/],
  ['missing temperature', base.replace('  temperature: [0.5]\n', ''), /grid gumbel-softmax takes a temperature: add grid\.temperature/],
  ['unsafe name', base.replace('name: t', 'name: ../evil'), /^1:7 name must be a safe directory name/],
  ['YAML syntax error', base.replace('samples: [1, 10]', 'samples: [1, 10'), /YAML syntax error/],
  // Each of these was a message with an empty list, an API's name or a false hint in it.
  [
    'an option on an estimator that takes none',
    base.replace('[reinforce, gumbel-softmax]', '[{ name: reinforce, temperature: 0.5 }, gumbel-softmax]'),
    /^9:34 grid\.estimator\[0\]\.temperature reinforce takes no options and no temperature$/,
  ],
  [
    'a temperature given as a Gumbel-Softmax option',
    base.replace('[reinforce, gumbel-softmax]', '[reinforce, { name: gumbel-softmax, tau: 0.1 }]'),
    /^9:50 grid\.estimator\[1\]\.tau gumbel-softmax takes no options; its temperature comes from grid\.temperature$/,
  ],
  [
    'a sweep over an objective without numeric fields',
    base.replace('samples: [1, 10]', 'samples: [1, 10]\n  objective.reward: [1, 2]'),
    /^12:21 grid\.objective\.reward categorical-linear has no numeric field to sweep/,
  ],
  ['a missing field beside a valid one', gaussian('').replace('  k: 0\n', ''), /^3:3 objective\.k missing required key 'k' \(number\)$/],
  [
    'a second YAML document',
    `${base}---\nname: u\n`,
    /^12:1  YAML syntax error: a second document starts here \(a `---` line\); an experiment file is one document/,
  ],
  ['a number as an estimator', base.replace('[reinforce, gumbel-softmax]', '[3, gumbel-softmax]'), /^9:15 grid\.estimator\[0\] expected an estimator name or \{ name, \.\.\.options \}/],
  // A typo'd key is one problem, not also what its absence breaks.
  [
    'temperatures for temperature',
    base.replace('temperature: [0.5]', 'temperatures: [0.5]'),
    /^10:3 grid\.temperatures unknown grid key 'temperatures' \(did you mean 'temperature'\?\)/,
  ],
  ['prob for probs', base.replace('probs:', 'prob:'), /^6:3 objective\.prob unknown key 'prob' \(did you mean 'probs'\?\)/],
  ['a mistyped kind, alone (not also objective and grid missing)', `kind: sampling-chek\nname: s\n`, /^1:7 kind unknown kind 'sampling-chek' \(did you mean 'sampling-check'\?\); allowed: variance \(the default\), sampling-check$/],
  ['plot: null', `${base}plot: null\n`, /^12:7 plot expected one plot \(\{ kind, params, \.\.\. \}\) or a list of plots$/],
  // A generated axis is one problem at its key, whatever the count: not one line per value at indices the file lacks.
  [
    'a linspace of temperatures reaching <= 0',
    base.replace('temperature: [0.5]', 'temperature: { linspace: [-10, 1, 1000] }'),
    /^10:16 grid\.temperature temperature must be > 0; the linspace generates -10, -9\.98898898899, -9\.97797797798 and 906 more$/,
  ],
  [
    'a logspace of samples that rounds to 0',
    base.replace('samples: [1, 10]', 'samples: { logspace: [0.1, 10, 3] }'),
    /^11:12 grid\.samples samples must be an integer >= 1 \(after rounding\); the logspace generates 0$/,
  ],
  [
    'a swept objective field out of range',
    gaussian('  objective.sigma: { linspace: [-10, 1, 1000] }'),
    /^10:20 grid\.objective\.sigma Too small: expected number to be >0 \(at sigma = -10, -9\.98898898899, -9\.97797797798 and 906 more\)$/,
  ],
  // 1e8 values overflowed JavaScript's Set (a RangeError and a stack trace, exit 1).
  ['a linspace count far too large', base.replace('samples: [1, 10]', 'samples: { linspace: [1, 100000000, 100000000] }'), /^11:39 grid\.samples\.linspace\[2\] count must be at most 1000000$/],
];

for (const [what, text, expected] of cases) {
  test(`bad input: ${what} gives one clear message with line, column and key`, () => {
    const problems = problemsOf(text);
    assert.equal(problems.length, 1, problems.join('\n'));
    assert.match(problems[0] as string, expected);
  });
}

test('three sweeps of 10^4 values are refused at once, not expanded into 10^12 combinations (which ran out of memory)', () => {
  const problems = problemsOf(
    gaussian(`  objective.mu: { linspace: [0, 1, 10000] }
  objective.sigma: { linspace: [1, 2, 10000] }
  objective.k: { linspace: [0, 1, 10000] }`),
  );
  assert.equal(problems.length, 1, problems.join('\n'));
  assert.match(problems[0] as string, /cannot tell apart the values of swept objective\.k, objective\.mu, objective\.sigma/);
});

test('a grid of 10^9 cells is refused by its count, without planning the cells first', () => {
  const problems = problemsOf(
    gaussian(`  objective.k: { linspace: [0, 1, 1000000] }`).replace('samples: [1]', 'samples: { linspace: [1, 1000, 1000] }'),
  );
  assert.deepEqual(problems, ['8:3 grid the grid has 1000000000 cells (limit 20000); shrink it or pass --force']);
});

test('countCells agrees with planCells, skipped pairs and per-cell skips included', () => {
  const experiment = parseExperiment(
    'x.yaml',
    base
      .replace('[reinforce, gumbel-softmax]', '[reinforce, gumbel-softmax, reinforce-baseline, { name: reinforce-baseline, baseline: optimal }, pathwise, arm]')
      .replace('temperature: [0.5]', 'temperature: [0.5, 1, 2]')
      .replace('samples: [1, 10]', 'samples: [1, 2, 10]'),
  );
  const planned = planCells(experiment).cells.length;
  assert.deepEqual(countCells(experiment), { count: planned, exact: true });
  assert.equal(countCells(experiment, 3).exact, false);
});

test('problems are listed in the order of the lines they point at, whatever check found them', () => {
  // Each found by a different pass: the objective (line 6), estimators (line 9), sample counts (line 11).
  const text = base
    .replace('probs: [0.2, 0.3, 0.5]', 'probs: [0.2, 0.3, 0.6]')
    .replace('[reinforce, gumbel-softmax]', '[reinforce, bogus]')
    .replace('samples: [1, 10]', 'samples: [0, 10]');
  const problems = problemsOf(text);
  assert.deepEqual(
    problems.map((p) => Number(p.split(':')[0])),
    [6, 9, 11],
    problems.join('\n'),
  );
});
