import wabt from 'wabt';

/** The WebAssembly binary of row-sums.wat, as wabt's wat2wasm writes it. */
export async function compileRowSumsWat(source: string): Promise<Uint8Array> {
  const module = (await wabt()).parseWat('row-sums.wat', source);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
