import type { Experiment } from '../experiment/validate.js';
import type { Figure } from '../plot/figures.js';
import { varianceFigures } from '../plot/figures.js';
import { renderPng, renderSvg } from '../plot/render.js';
import type { RunMetadata } from '../results/metadata.js';
import type { ResultRow } from '../results/result-row.js';
import { exactVarianceLookup } from './exact-variance.js';
import { varianceHeadline } from './headline.js';
import { type IndexPage, indexHtml, type RenderedFigure } from './index-html.js';

export const INDEX_FILE = 'index.html';

export type FileMap = Record<string, string | Uint8Array>;

/**
 * Vega numbers clip paths from a process-wide counter (clip1, clip2, ...): renamed per figure in
 * order of appearance, so an SVG's bytes do not depend on what was drawn before it and several
 * figures inlined in one page never share an id.
 */
export function scopeSvgIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const [, id] of svg.matchAll(/id="(clip\d+)"/g)) if (id && !ids.has(id)) ids.set(id, `${prefix}-clip${ids.size + 1}`);
  return svg.replace(/(id="|url\(#)(clip\d+)(?=[")])/g, (match, lead: string, id: string) => (ids.has(id) ? `${lead}${ids.get(id)}` : match));
}

/** Each figure as its Vega-Lite spec, SVG and PNG, keyed by file name. */
export async function renderFigures(figures: readonly Figure[]): Promise<{ rendered: RenderedFigure[]; files: FileMap }> {
  const files: FileMap = {};
  const rendered: RenderedFigure[] = [];
  for (const figure of figures) {
    const svg = scopeSvgIds(await renderSvg(figure.spec), figure.file);
    files[`${figure.file}.vl.json`] = `${JSON.stringify(figure.spec, null, 2)}\n`;
    files[`${figure.file}.svg`] = svg;
    files[`${figure.file}.png`] = await renderPng(svg);
    rendered.push({ file: figure.file, caption: figure.caption, svg });
  }
  return { rendered, files };
}

/** Key facts of a run's metadata for the report. */
export function metadataFacts(metadata: Pick<RunMetadata, 'tool' | 'node' | 'platform' | 'seed' | 'started' | 'finished' | 'gitCommit'> & Partial<RunMetadata>): [string, string][] {
  const facts: [string, string][] = [
    ['tool', `${metadata.tool.name} ${metadata.tool.version}`],
    ['Node', metadata.node],
    ['platform', metadata.platform],
  ];
  if (metadata.backend) facts.push(['backend', metadata.backend + (metadata.backendFallback ? ` (fallback: ${metadata.backendFallback})` : '')]);
  facts.push(['seed', String(metadata.seed)]);
  if (metadata.trials !== undefined) facts.push(['trials per cell', String(metadata.trials)]);
  if (metadata.overrides && Object.keys(metadata.overrides).length > 0) facts.push(['overrides', JSON.stringify(metadata.overrides)]);
  if (metadata.cells) {
    const seconds = metadata.cells.reduce((acc, c) => acc + c.milliseconds, 0) / 1000;
    facts.push(['cells', `${metadata.cells.length} (${seconds.toFixed(1)} s of cell time)`]);
  }
  facts.push(['started', metadata.started], ['finished', metadata.finished], ['git commit', metadata.gitCommit ?? 'unknown']);
  return facts;
}

/**
 * The command that remakes a results directory from its experiment file. The backend is named
 * unless it is the CLI's default (wasm): float32 kernels differ in the last bits, so another
 * backend gives another CSV; and a shard's directory holds only its own share of the cells.
 */
export function remakeCommand(
  file: string,
  overrides: Readonly<Record<string, unknown>> = {},
  run: Partial<Pick<RunMetadata, 'backend' | 'shard'>> = {},
): string {
  const flags = Object.entries(overrides).map(([k, v]) => ` --${k} ${Array.isArray(v) ? v.join(',') : String(v)}`);
  if (run.backend !== undefined && run.backend !== 'wasm') flags.push(` --backend ${run.backend}`);
  if (run.shard) flags.push(` --shard ${run.shard.index}/${run.shard.count}`);
  return `npx reparam-bench run ${file}${flags.join('')}`;
}

/** Figures (spec, SVG, PNG) and index.html of a variance experiment, from its rows and metadata. */
export async function varianceArtifacts(experiment: Experiment, rows: readonly ResultRow[], metadata: RunMetadata, dataFiles: readonly string[]): Promise<FileMap> {
  const exact = exactVarianceLookup(experiment);
  const { rendered, files } = await renderFigures(varianceFigures(experiment, rows, exact));
  const page: IndexPage = {
    title: experiment.name,
    description: experiment.description,
    experimentFile: metadata.experiment.file,
    experimentText: metadata.experiment.text,
    figures: rendered,
    tables: varianceHeadline(experiment, rows, exact),
    facts: metadataFacts(metadata),
    metadata,
    files: [...dataFiles, ...Object.keys(files)],
    command: remakeCommand(metadata.experiment.file, metadata.overrides, metadata),
  };
  return { ...files, [INDEX_FILE]: indexHtml(page) };
}
