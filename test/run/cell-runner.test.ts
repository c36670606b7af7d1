import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type CellRunner, runOnRunners } from '../../src/run/cell-runner.js';
import type { CellTask, FinishedCell } from '../../src/run/cell-task.js';

const taskOf = (id: number) => ({ experiment: 'x', trials: 1, cell: { identity: String(id) } }) as unknown as CellTask;

/** A runner whose cells finish when the test releases them; records what it ran and the most in flight at once. */
function heldRunner(depth: number, failOn?: string) {
  const held: (() => void)[] = [];
  const ran: string[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const runner: CellRunner = {
    depth,
    run: (task) => {
      ran.push(task.cell.identity);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      return new Promise<FinishedCell>((resolve, reject) => {
        held.push(() => {
          inFlight--;
          if (task.cell.identity === failOn) reject(new Error(`cell ${failOn} failed`));
          else resolve({ identity: task.cell.identity, rows: [], milliseconds: 0 });
        });
      });
    },
  };
  const releaseAll = async () => {
    while (held.length > 0 || inFlight > 0) {
      held.splice(0).forEach((release) => release());
      await new Promise((resolve) => setImmediate(resolve));
    }
  };
  return { runner, ran, releaseAll, maxInFlight: () => maxInFlight };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('runners take queued items up to their depth, every item is done once', async () => {
  const early = heldRunner(1);
  const late = heldRunner(2);
  const done: string[] = [];
  const running = runOnRunners([early.runner, late.runner], [0, 1, 2, 3, 4, 5, 6, 7], {
    task: taskOf,
    onDone: (finished) => void done.push(finished.identity),
  });
  await tick();
  assert.deepEqual(early.ran, ['0'], 'one item deep');
  assert.deepEqual(late.ran, ['1', '2'], 'two items deep');
  while (done.length < 8) {
    await early.releaseAll();
    await late.releaseAll();
  }
  assert.deepEqual(await running, { complete: true });
  assert.deepEqual([...done].sort(), ['0', '1', '2', '3', '4', '5', '6', '7']);
  assert.equal(early.maxInFlight(), 1);
  assert.equal(late.maxInFlight(), 2);
});

test('a failed item stops new ones, lets those in flight finish, then throws its error', async () => {
  const good = heldRunner(1);
  const bad = heldRunner(1, '1');
  const done: string[] = [];
  let settled = false;
  const running = runOnRunners([good.runner, bad.runner], [0, 1, 2, 3, 4, 5], {
    task: taskOf,
    onDone: (finished) => void done.push(finished.identity),
  }).finally(() => (settled = true));
  const outcome = assert.rejects(running, /cell 1 failed/);
  await tick();
  await bad.releaseAll(); // item 1 fails
  assert.equal(settled, false, 'does not return while item 0 is still running');
  await good.releaseAll();
  await outcome;
  assert.deepEqual(done, ['0'], 'the item in flight was still reported');
  assert.deepEqual([...good.ran, ...bad.ran], ['0', '1'], 'nothing new started after the failure');
});

test('shouldStop ends the run incomplete without starting more', async () => {
  const here = heldRunner(1);
  let stop = false;
  const running = runOnRunners([here.runner], [0, 1, 2], {
    task: taskOf,
    onDone: () => void (stop = true),
    shouldStop: () => stop,
  });
  await here.releaseAll();
  assert.deepEqual(await running, { complete: false });
  assert.deepEqual(here.ran, ['0']);
});
