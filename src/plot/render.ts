import type { TopLevelSpec } from 'vega-lite';

// Vega, Vega-Lite and resvg load on first use (~0.2 s): a run gets its cells going first.

/** Headless SVG: no canvas is needed with the 'none' renderer. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const [vega, vl] = await Promise.all([import('vega'), import('vega-lite')]);
  const view = new vega.View(vega.parse(vl.compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * PNG from an SVG at `scale` (2x by default, crisp on screens and in papers). Only DejaVu fonts are
 * installed: without naming them resvg picks a serif face, and with no fonts text silently vanishes.
 */
export async function renderPng(svg: string, scale = 2): Promise<Uint8Array> {
  const { Resvg } = await import('@resvg/resvg-js');
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: scale },
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans', sansSerifFamily: 'DejaVu Sans' },
  });
  return resvg.render().asPng();
}
