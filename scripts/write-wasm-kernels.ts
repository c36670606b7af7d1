// Compiles src/compute/wasm-kernels.wat into src/compute/wasm-kernels-binary.ts (`npm run wasm`).
import { readFileSync, writeFileSync } from 'node:fs';
import { compileWasmKernels } from './wasm-kernels-wat.js';

const source = readFileSync(new URL('../src/compute/wasm-kernels.wat', import.meta.url), 'utf8');
const base64 = Buffer.from(await compileWasmKernels(source)).toString('base64');
writeFileSync(
  new URL('../src/compute/wasm-kernels-binary.ts', import.meta.url),
  `// Generated from wasm-kernels.wat by \`npm run wasm\`; test/compute/wasm-kernels.test.ts checks it is current.\nexport const WASM_KERNELS = '${base64}';\n`,
);
