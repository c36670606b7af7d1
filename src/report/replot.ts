import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError } from '../experiment/input-error.js';
import { parseExperiment, parseSamplingCheck } from '../experiment/load.js';
import { assertDirectory } from '../results/assert-directory.js';
import { writeFileAtomically } from '../results/atomic-write.js';
import { isSamplingCheckMetadata, type RunMetadata, recordedTextSource } from '../results/metadata.js';
import { parseResultsMetadata } from '../results/read-metadata.js';
import { parseResultsCsv } from '../results/parse-csv.js';
import { parseFrequencyCsv, parseRelaxedCsv, parseReplicateCsv, SAMPLING_FILES } from '../results/sampling-csv.js';
import { type Overrides, applyOverrides } from '../run/overrides.js';
import { RESULT_FILES } from '../run/run-to-directory.js';
import { classFrequencies } from '../sampling/sampling-check.js';
import { type FileMap, varianceArtifacts } from './artifacts.js';
import { type SamplingCheckMetadata, samplingArtifacts } from './sampling-artifacts.js';

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new InputError([{ file, message: `cannot read: ${error instanceof Error ? error.message : String(error)}` }]);
  }
}

/**
 * Re-renders the figures and index.html of a results directory from its CSV and metadata.json,
 * without running anything: the plot settings come from the experiment text recorded in the
 * metadata. Returns the paths written.
 */
export async function replotDirectory(dir: string): Promise<string[]> {
  await assertDirectory(dir);
  const metadataFile = join(dir, RESULT_FILES.metadata);
  const metadata = parseResultsMetadata(await readText(metadataFile), metadataFile);
  const { text } = metadata.experiment;
  const source = recordedTextSource(metadataFile);
  let files: FileMap;
  if (isSamplingCheckMetadata(metadata)) {
    const check = parseSamplingCheck(source, text);
    const frequenciesFile = join(dir, SAMPLING_FILES.frequencies);
    const relaxedFile = join(dir, SAMPLING_FILES.relaxed);
    const { logits, counts } = parseFrequencyCsv(await readText(frequenciesFile), frequenciesFile);
    const relaxed = parseRelaxedCsv(await readText(relaxedFile), relaxedFile);
    const replicatesFile = join(dir, SAMPLING_FILES.replicates);
    const replicates = parseReplicateCsv(await readText(replicatesFile), replicatesFile);
    files = await samplingArtifacts(check, { ...classFrequencies(logits, counts), replicates, relaxed }, metadata);
  } else {
    const run = metadata as RunMetadata;
    const experiment = applyOverrides(parseExperiment(source, text, { force: true }), run.overrides as Overrides);
    const csvFile = join(dir, RESULT_FILES.csv);
    const { rows } = parseResultsCsv(await readText(csvFile), csvFile);
    files = await varianceArtifacts(experiment, rows, run, [RESULT_FILES.csv, RESULT_FILES.metadata]);
  }
  for (const [name, content] of Object.entries(files)) await writeFileAtomically(join(dir, name), content);
  return Object.keys(files).map((name) => join(dir, name));
}
