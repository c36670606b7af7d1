import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/** Writes a file via a temporary sibling and a rename, so readers never see half a file. */
export async function writeFileAtomically(file: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.tmp-${process.pid}`;
  await writeFile(temporary, content);
  await rename(temporary, file);
}

/**
 * Replaces a whole directory with the given files: they are written to a temporary
 * sibling, then swapped in by renames. An interruption leaves either the previous
 * complete directory or the new one, never a mix or half-written files.
 */
export async function replaceDirectory(dir: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  const staging = `${dir}.tmp-${process.pid}`;
  const retired = `${dir}.old-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  for (const [name, content] of Object.entries(files)) await writeFile(join(staging, name), content);
  let hadPrevious = true;
  try {
    await rename(dir, retired);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    hadPrevious = false;
  }
  await rename(staging, dir);
  if (hadPrevious) await rm(retired, { recursive: true, force: true });
}
