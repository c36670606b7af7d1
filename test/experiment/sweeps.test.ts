import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { planCells } from '../../src/experiment/cells.js';
import { loadExperiment, parseExperiment } from '../../src/experiment/load.js';
import { findObjective } from '../../src/objectives/registry.js';
import { expandSampleCounts, expandSweep } from '../../src/experiment/sweep.js';
import { runToDirectory } from '../../src/run/run-to-directory.js';
import { tempDir, writeExperiment } from '../helpers/experiment-files.js';

const gaussian = (grid: string, extra = '') => `name: sweep
trials: 20
objective:
  kind: gaussian-quadratic
  mu: 1
  sigma: 1
${extra}grid:
${grid}
`;

test('linspace and logspace generate evenly spaced values (logspace endpoints are values)', () => {
  assert.deepEqual(expandSweep({ linspace: [-3, 3, 5] }), [-3, -1.5, 0, 1.5, 3]);
  assert.deepEqual(expandSweep({ logspace: [0.1, 10, 3] }), [0.1, 1, 10]);
  assert.deepEqual(expandSampleCounts({ logspace: [1, 10, 4] }), [1, 2, 5, 10]);
});

test('an objective field swept in the grid becomes a CSV column after samples', async () => {
  const dir = await tempDir();
  const file = await writeExperiment(
    dir,
    'x.yaml',
    gaussian(`  estimator: [pathwise]
  samples: [1]
  objective.k: { linspace: [-3, 3, 3] }`),
  );
  const outcome = await runToDirectory(await loadExperiment(file), { out: join(dir, 'out') });
  const lines = (await readFile(join(outcome.dir, 'results.csv'), 'utf8')).trim().split('\n');
  assert.equal(lines[0], 'experiment,objective,estimator,temperature,samples,k,trials,param,true_grad,mean,bias,variance,variance_lo,variance_hi,mse,seed');
  assert.deepEqual(
    lines.slice(1).map((l) => l.split(',').slice(5, 9).join(',')),
    ['-3,20,mu,8', '-3,20,sigma,2', '0,20,mu,2', '0,20,sigma,2', '3,20,mu,-4', '3,20,sigma,2'],
  );
});

test('estimator options show in the label, and variants stand side by side', () => {
  const experiment = parseExperiment(
    'x.yaml',
    gaussian(`  estimator: [reinforce-baseline, { name: reinforce-baseline, baseline: loo }]
  samples: [2]`, '  k: 0\n'),
  );
  assert.deepEqual(
    planCells(experiment).cells.map((c) => c.choice.label),
    ['reinforce-baseline', 'reinforce-baseline(baseline=loo)'],
  );
});

test('param: log_sigma is recorded in the parameter names', () => {
  const experiment = parseExperiment('x.yaml', gaussian('  estimator: [pathwise]\n  samples: [1]', '  k: 0\n  param: log_sigma\n'));
  const definition = findObjective(experiment.objective.kind);
  const objective = definition?.create(definition.schema.parse(experiment.objective));
  assert.deepEqual(objective?.paramNames, ['mu', 'log_sigma']);
  assert.deepEqual(objective?.trueGrad(), [2, 2]); // dE/dlog sigma = sigma * 2 sigma at sigma = 1
});

test('pairs that do not apply are skipped and listed once', () => {
  const experiment = parseExperiment(
    'x.yaml',
    gaussian('  estimator: [pathwise, gumbel-softmax]\n  temperature: [0.5, 1]\n  samples: [1, 10]', '  k: 0\n'),
  );
  const plan = planCells(experiment);
  assert.equal(plan.cells.length, 2);
  assert.deepEqual(plan.skipped, [
    { estimator: 'gumbel-softmax', reason: 'does not apply to gaussian-quadratic (applies to categorical, bernoulli)', count: 4 },
  ]);
});
