// Bundles the cell worker that tsc emitted into OUT/run/cell-worker.js (default OUT: dist),
// in place, with zod and every module of this tool it imports (`npm run build` runs it).
// Each --jobs worker thread loads its modules afresh: as ~150 separate ES modules (zod
// alone is 99) a worker was ready 175-191 ms after it was spawned here, as one file
// 125-139 ms, ~70 ms less CPU each, CPU that the cells on the other threads need.
// tfjs stays outside: it is loaded with require, as the CommonJS bundles it ships. The
// source map follows tsc's maps back to src/.
import { build } from 'esbuild';

const entry = `${process.argv[2] ?? 'dist'}/run/cell-worker.js`;
await build({
  entryPoints: [entry],
  outfile: entry,
  allowOverwrite: true,
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  external: ['@tensorflow/*'],
  sourcemap: true,
  logLevel: 'warning',
});
