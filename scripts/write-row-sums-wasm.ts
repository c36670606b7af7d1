// Compiles src/compute/row-sums.wat into src/compute/row-sums-wasm.ts (`npm run wasm`).
import { readFileSync, writeFileSync } from 'node:fs';
import { compileRowSumsWat } from './row-sums-wat.js';

const source = readFileSync(new URL('../src/compute/row-sums.wat', import.meta.url), 'utf8');
const base64 = Buffer.from(await compileRowSumsWat(source)).toString('base64');
writeFileSync(
  new URL('../src/compute/row-sums-wasm.ts', import.meta.url),
  `// Generated from row-sums.wat by \`npm run wasm\`; test/compute/row-sums.test.ts checks it is current.\nexport const ROW_SUMS_WASM = '${base64}';\n`,
);
