import wabt from 'wabt';

/** The WebAssembly binary of wasm-kernels.wat, as wabt's wat2wasm writes it. */
export async function compileWasmKernels(source: string): Promise<Uint8Array> {
  const module = (await wabt()).parseWat('wasm-kernels.wat', source);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
