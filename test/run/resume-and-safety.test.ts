import assert from 'node:assert/strict';
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../helpers/cli.js';
import { smallExperiment, tempDir, writeExperiment } from '../helpers/experiment-files.js';

// Enough cells that Ctrl-C lands mid-run; each is small.
const grid = `  estimator: [reinforce, reinforce-baseline, gumbel-softmax, st-gumbel-softmax]
  temperature: [0.25, 0.5, 1, 2]
  samples: [2, 20, 200, 2000]`;

test('a run stopped with Ctrl-C resumes to the same bytes as an uninterrupted run', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'x.yaml', smallExperiment(grid, 'resumable'));
  const clean = await cli(['run', 'x.yaml', '--out', 'clean'], dir);
  assert.equal(clean.code, 0, clean.stderr);

  let interrupted = false;
  const run = cli(['run', 'x.yaml', '--out', 'out'], dir, (chunk) => {
    if (!interrupted && /\[5\/\d+\]/.test(chunk)) {
      interrupted = true;
      run.kill('SIGINT');
    }
  });
  const stopped = await run;
  assert.equal(stopped.code, 130, stopped.stderr);
  assert.match(stopped.stderr, /rerun with --resume/);
  assert.deepEqual(await readdir(join(dir, 'out')), ['.resumable.partial'], 'no results until every cell is done');

  const resumed = await cli(['run', 'x.yaml', '--out', 'out', '--resume'], dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, /\(\d+ resumed\)/);
  const csv = (root: string) => readFile(join(dir, root, 'resumable', 'results.csv'), 'utf8');
  assert.equal(await csv('out'), await csv('clean'));
  assert.deepEqual(await readdir(join(dir, 'out')), ['resumable'], 'resume state removed after completion');
});

test('results made from a different experiment file are not overwritten without --force', async () => {
  const dir = await tempDir();
  const small = smallExperiment('  estimator: [reinforce]\n  samples: [1]', 'shared-name');
  await writeExperiment(dir, 'a.yaml', small);
  await writeExperiment(dir, 'b.yaml', `${small}\n# another file of the same name\n`);
  assert.equal((await cli(['run', 'a.yaml', '--out', 'out', '--quiet'], dir)).code, 0);
  const refused = await cli(['run', 'b.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(refused.code, 2);
  assert.match(refused.stderr, /holds results of a different experiment file \(a\.yaml\).*--force/);
  assert.equal((await cli(['run', 'b.yaml', '--out', 'out', '--quiet', '--force'], dir)).code, 0);
});

test('the same experiment run from another directory, or an identical copy, may replace its own results', async () => {
  const dir = await tempDir();
  const small = smallExperiment('  estimator: [reinforce]\n  samples: [1]', 'moved');
  await writeExperiment(dir, 'exp.yaml', small);
  await mkdir(join(dir, 'sub'));
  await writeExperiment(dir, 'sub/copy.yaml', small);
  assert.equal((await cli(['run', 'exp.yaml', '--out', 'out', '--quiet'], dir)).code, 0);
  // metadata.json records the path as typed ('exp.yaml'); from sub/ the same file is '../exp.yaml'.
  for (const file of ['../exp.yaml', 'copy.yaml']) {
    const again = await cli(['run', file, '--out', '../out', '--quiet'], join(dir, 'sub'));
    assert.equal(again.code, 0, again.stderr);
    const metadata = JSON.parse(await readFile(join(dir, 'out', 'moved', 'metadata.json'), 'utf8'));
    assert.equal(metadata.experiment.file, file);
  }
});

test('a folder or file of the user\'s where <out>/<name> goes is not replaced without --force', async () => {
  const dir = await tempDir();
  // The experiment lives in the folder its results would replace: `--out .` with name: experiments.
  await mkdir(join(dir, 'experiments'));
  await writeExperiment(dir, 'experiments/x.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1]', 'experiments'));
  await writeFile(join(dir, 'experiments', 'notes.md'), 'mine');
  const refused = await cli(['run', 'experiments/x.yaml', '--out', '.', '--quiet'], dir);
  assert.equal(refused.code, 2, refused.stderr);
  assert.equal(
    refused.stderr,
    'experiments/x.yaml: name: experiments exists and is not a reparam-bench results directory (no readable metadata.json); rename the experiment, choose another --out, or pass --force to replace it\n',
  );
  assert.deepEqual((await readdir(join(dir, 'experiments'))).sort(), ['notes.md', 'x.yaml']);

  await writeExperiment(dir, 'y.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1]', 'taken'));
  await mkdir(join(dir, 'out'));
  await writeFile(join(dir, 'out', 'taken'), 'a file of the user\'s');
  const file = await cli(['run', 'y.yaml', '--out', 'out', '--quiet'], dir);
  assert.equal(file.code, 2, file.stderr);
  assert.equal(await readFile(join(dir, 'out', 'taken'), 'utf8'), 'a file of the user\'s');
  const forced = await cli(['run', 'y.yaml', '--out', 'out', '--quiet', '--force'], dir);
  assert.equal(forced.code, 0, forced.stderr);
  assert.ok((await readdir(join(dir, 'out', 'taken'))).includes('results.csv'));
});

test('--resume over several files leaves the experiments the interrupted command had finished as they are', async () => {
  const dir = await tempDir();
  await writeExperiment(dir, 'a.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1, 10]', 'first'));
  await writeExperiment(dir, 'b.yaml', smallExperiment('  estimator: [reinforce]\n  samples: [1, 10]', 'second'));
  // As if Ctrl-C had stopped `run a.yaml b.yaml` after the first file.
  assert.equal((await cli(['run', 'a.yaml', '--out', 'out', '--quiet'], dir)).code, 0);
  const metadata = () => readFile(join(dir, 'out', 'first', 'metadata.json'), 'utf8');
  const before = await metadata();

  const resumed = await cli(['run', 'a.yaml', 'b.yaml', '--out', 'out', '--quiet', '--resume'], dir);
  assert.equal(resumed.code, 0, resumed.stderr);
  assert.match(resumed.stdout, /out\/first: already complete \(2 cells on wasm\); left as it was\n/);
  assert.match(resumed.stdout, /out\/second: 2 cells on wasm\n/);
  assert.equal(await metadata(), before, 'not run again: its metadata (start and finish times) unchanged');

  // Another override is another run: it goes ahead and replaces them.
  const changed = await cli(['run', 'a.yaml', '--out', 'out', '--quiet', '--resume', '--trials', '30'], dir);
  assert.equal(changed.code, 0, changed.stderr);
  assert.match(changed.stdout, /out\/first: 2 cells on wasm\n/);
  assert.equal(JSON.parse(await metadata()).trials, 30);
});
