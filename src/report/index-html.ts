import type { Table } from './table.js';

export interface RenderedFigure {
  readonly file: string;
  readonly caption: string;
  readonly svg: string;
}

export interface IndexPage {
  readonly title: string;
  readonly description?: string | undefined;
  /** The experiment file's path and text, shown verbatim. */
  readonly experimentFile: string;
  readonly experimentText: string;
  readonly figures: readonly RenderedFigure[];
  readonly tables: readonly Table[];
  /** Key facts from metadata.json, shown as a list; the whole file follows in a collapsed block. */
  readonly facts: readonly (readonly [string, string])[];
  readonly metadata: unknown;
  /** The other files of the directory, linked. */
  readonly files: readonly string[];
  /** The command that remakes the directory. */
  readonly command: string;
}

export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

const STYLE = `
body { font-family: 'DejaVu Sans', system-ui, sans-serif; max-width: 1180px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; margin-bottom: 0.2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ddd; padding-bottom: 0.2em; }
figure { margin: 1.2em 0; } figure svg { max-width: 100%; height: auto; } figcaption { color: #555; font-size: 0.92em; }
table { border-collapse: collapse; font-size: 0.88em; margin: 0.6em 0 1.2em; } th, td { border: 1px solid #ddd; padding: 0.25em 0.6em; text-align: left; }
th { background: #f4f4f4; } td { font-variant-numeric: tabular-nums; } .note { color: #555; font-size: 0.9em; max-width: 60em; }
pre { background: #f7f7f7; border: 1px solid #e3e3e3; padding: 0.8em; overflow-x: auto; font-size: 0.85em; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2em 1em; } dt { color: #555; } dd { margin: 0; }
code { background: #f3f3f3; padding: 0 0.25em; }
`;

function tableHtml(table: Table): string {
  const head = table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('');
  const body = table.rows.map((row) => `<tr>${row.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`).join('\n');
  const note = table.note ? `<p class="note">${escapeHtml(table.note)}</p>` : '';
  return `<h3>${escapeHtml(table.title)}</h3>\n${note}\n<table><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** A self-contained report: inline SVG figures, tables, the experiment file and metadata; no scripts, no network. */
export function indexHtml(page: IndexPage): string {
  const figures = page.figures
    .map((f) => `<figure id="${escapeHtml(f.file)}">\n${f.svg.replace(/^<\?xml[^>]*>\s*/, '')}\n<figcaption>${escapeHtml(f.caption)} (<a href="${escapeHtml(f.file)}.png">PNG</a>, <a href="${escapeHtml(f.file)}.svg">SVG</a>, <a href="${escapeHtml(f.file)}.vl.json">Vega-Lite spec</a>)</figcaption>\n</figure>`)
    .join('\n');
  const facts = page.facts.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
  const files = page.files.map((f) => `<a href="${escapeHtml(f)}">${escapeHtml(f)}</a>`).join(' · ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(page.title)} — reparam-bench</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(page.title)}</h1>
${page.description ? `<p>${escapeHtml(page.description)}</p>` : ''}
<p>Remake: <code>${escapeHtml(page.command)}</code>. Files: ${files}</p>
<h2>Figures</h2>
${figures}
<h2>Headline numbers</h2>
${page.tables.map(tableHtml).join('\n') || '<p>None.</p>'}
<h2>Experiment file</h2>
<p><code>${escapeHtml(page.experimentFile)}</code></p>
<pre>${escapeHtml(page.experimentText)}</pre>
<h2>Metadata</h2>
<dl>${facts}</dl>
<details><summary>metadata.json</summary>
<pre>${escapeHtml(JSON.stringify(page.metadata, null, 2))}</pre>
</details>
</body>
</html>
`;
}
