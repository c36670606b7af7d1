import { dirname, join, resolve } from 'node:path';
import type { LoadedSamplingCheck } from '../experiment/load.js';
import { samplingArtifacts, type SamplingCheckMetadata } from '../report/sampling-artifacts.js';
import { replaceDirectory } from '../results/atomic-write.js';
import { formatFrequencyCsv, formatRelaxedCsv, formatReplicateCsv, SAMPLING_FILES } from '../results/sampling-csv.js';
import { runSamplingCheck, type SamplingCheckResult } from '../sampling/sampling-check.js';
import { assertOwnResults } from './run-to-directory.js';
import { gitCommit, toolInfo } from './tool-info.js';

export interface SamplingCheckOutcome {
  readonly dir: string;
  readonly files: readonly string[];
  readonly result: SamplingCheckResult;
}

/** Runs a sampling check and writes its CSVs, metadata, figures and index.html under out/<name>/. */
export async function samplingCheckToDirectory(
  loaded: LoadedSamplingCheck,
  options: { readonly out: string; readonly force?: boolean | undefined },
): Promise<SamplingCheckOutcome> {
  const { check } = loaded;
  const dir = join(options.out, check.name);
  await assertOwnResults(dir, { file: loaded.file, sha256: loaded.hash }, options.force);
  const started = new Date();
  const result = runSamplingCheck(check);
  const metadata: SamplingCheckMetadata = {
    kind: 'sampling-check',
    tool: toolInfo(),
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    experiment: { name: check.name, file: loaded.file, sha256: loaded.hash, text: loaded.text },
    seed: check.seed,
    draws: check.draws,
    started: started.toISOString(),
    finished: new Date().toISOString(),
    gitCommit: await gitCommit(dirname(resolve(loaded.file))),
  };
  const files = {
    [SAMPLING_FILES.frequencies]: formatFrequencyCsv(check.name, result.classes),
    [SAMPLING_FILES.relaxed]: formatRelaxedCsv(check.name, result.relaxed),
    [SAMPLING_FILES.replicates]: formatReplicateCsv(check.name, result.replicates),
    [SAMPLING_FILES.metadata]: `${JSON.stringify(metadata, null, 2)}\n`,
    ...(await samplingArtifacts(check, result, metadata)),
  };
  await replaceDirectory(dir, files);
  return { dir, files: Object.keys(files).map((name) => join(dir, name)), result };
}
