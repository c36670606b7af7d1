import assert from 'node:assert/strict';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { cli } from '../helpers/cli.js';
import { tempDir } from '../helpers/experiment-files.js';

// Every command that reads results directories says the same one line, exit 2, for a
// path that does not exist or is a file.
test('check, merge and plot: a missing path or a file is one clear line, exit 2', async () => {
  const dir = await tempDir();
  await writeFile(`${dir}/notes.txt`, 'not results\n');
  const commands = [['check'], ['merge', '--out', 'merged'], ['plot']];
  const cases = [
    { path: 'nope', expected: /^nope: no such directory\n$/ },
    { path: 'notes.txt', expected: /^notes\.txt: not a directory \(give a results directory\)\n$/ },
  ];
  const runs = commands.flatMap(([command, ...rest]) =>
    cases.map(async ({ path, expected }) => ({ args: [command, path, ...rest], expected, result: await cli([command as string, path, ...rest], dir) })),
  );
  for (const { args, expected, result } of await Promise.all(runs)) {
    assert.equal(result.code, 2, `${args.join(' ')}: ${result.stderr}`);
    assert.match(result.stderr, expected, args.join(' '));
  }
});

// A hand-edited metadata.json used to surface as a TypeError and its stack from the report or
// the merge (exit 1); it is bad input like a broken CSV.
test('plot and merge: a metadata.json missing a key or with a wrong type is one line naming file and key, exit 2', async () => {
  const dir = await tempDir();
  const baseline = join(process.cwd(), 'results', 'ci', 'ci-bernoulli-toy');
  const edits: [string, (m: Record<string, unknown>) => void, RegExp][] = [
    ['no-node', (m) => delete m.node, /metadata\.json: node: .*expected string/],
    ['no-cells', (m) => delete m.cells, /metadata\.json: cells: .*expected array/],
    ['bad-samples', (m) => (m.overrides = { samples: 5 }), /metadata\.json: overrides\.samples: .*expected array/],
  ];
  for (const [name, edit, expected] of edits) {
    const results = join(dir, name, 'ci-bernoulli-toy');
    await cp(baseline, results, { recursive: true });
    const metadata = JSON.parse(await readFile(join(results, 'metadata.json'), 'utf8')) as Record<string, unknown>;
    edit(metadata);
    await writeFile(join(results, 'metadata.json'), JSON.stringify(metadata));
    for (const args of [['plot', results], ['merge', results, '--out', join(dir, `merged-${name}`)]]) {
      const { code, stderr } = await cli(args, dir);
      assert.equal(code, 2, `${args[0]} ${name}: ${stderr}`);
      assert.match(stderr, expected, `${args[0]} ${name}`);
      assert.equal(stderr.trim().split('\n').length, 1, `${args[0]} ${name}: one line`);
    }
  }
});

test('plot, merge and check: an error in the recorded experiment text points at metadata.json, not the file it came from', async () => {
  const dir = await tempDir();
  const results = join(dir, 'edited', 'ci-bernoulli-toy');
  await cp(join(process.cwd(), 'results', 'ci', 'ci-bernoulli-toy'), results, { recursive: true });
  const metadataFile = join(results, 'metadata.json');
  const metadata = JSON.parse(await readFile(metadataFile, 'utf8')) as { experiment: { text: string } };
  metadata.experiment.text = metadata.experiment.text.replace(/^trials: .*$/m, 'trials: [');
  await writeFile(metadataFile, JSON.stringify(metadata));
  for (const args of [['plot', results], ['merge', results, '--out', join(dir, 'merged')], ['check', results, '--quiet']]) {
    const { code, stderr } = await cli(args, dir);
    assert.equal(code, 2, `${args[0]}: ${stderr}`);
    assert.match(stderr, /edited\/ci-bernoulli-toy\/metadata\.json \(experiment\.text\):\d+:\d+: YAML syntax error/, args[0]);
  }
});
