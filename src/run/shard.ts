import { tf } from '../compute/tf.js';
import { noiseSpecOf } from '../compute/estimate-gradients.js';
import type { Cell } from '../experiment/cells.js';
import { findObjective } from '../objectives/registry.js';
import type { Shard } from './shard-spec.js';

/**
 * Estimated work of a cell: trials x samples x noise draws per sample. An integer, so
 * assignments built from it are the same on every machine.
 */
export function cellCost(cell: Cell, trials: number): number {
  const definition = findObjective(cell.objective.kind);
  if (!definition) throw new Error(`unknown objective '${cell.objective.kind}'`);
  const objective = definition.create(definition.schema.parse(cell.objective));
  const { estimator } = cell.choice;
  // The spec is read off a tiny tensor; where no engine was started yet (the main thread
  // of a --jobs run), tfjs starts its cpu one: keep it from printing its banner.
  tf.enableProdMode();
  return trials * cell.samples * noiseSpecOf(objective, estimator).size;
}

/**
 * Greedy longest-processing-time assignment: items by cost, largest first (ties by
 * position), each to the currently lightest bin (ties to the lowest). Returns each
 * item's bin, 0-based.
 */
export function assignByCost(costs: readonly number[], bins: number): number[] {
  const order = costs.map((_, i) => i).sort((a, b) => (costs[b] as number) - (costs[a] as number) || a - b);
  const loads = new Array<number>(bins).fill(0);
  const binOf = new Array<number>(costs.length).fill(0);
  for (const item of order) {
    let lightest = 0;
    for (let bin = 1; bin < bins; bin++) if ((loads[bin] as number) < (loads[lightest] as number)) lightest = bin;
    binOf[item] = lightest;
    loads[lightest] = (loads[lightest] as number) + (costs[item] as number);
  }
  return binOf;
}

/** The cells of one shard, in canonical order, given every cell of the plan in canonical order. */
export function shardCells(cells: readonly Cell[], trials: number, shard: Shard): Cell[] {
  const binOf = assignByCost(
    cells.map((cell) => cellCost(cell, trials)),
    shard.count,
  );
  return cells.filter((_, i) => binOf[i] === shard.index - 1);
}
