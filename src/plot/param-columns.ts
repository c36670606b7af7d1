import type { TopLevelSpec } from 'vega-lite';

/**
 * The layers as one panel, or as one column per parameter when several are plotted;
 * `base` carries what both share (schema, title, data, config).
 */
export function panelPerParam(
  base: Record<string, unknown>,
  layer: readonly unknown[],
  params: readonly string[],
  columnSize: { readonly width: number; readonly height: number } = { width: 320, height: 280 },
): TopLevelSpec {
  if (params.length <= 1) return { ...base, width: 420, height: 300, layer } as unknown as TopLevelSpec;
  return {
    ...base,
    facet: { column: { field: 'param', type: 'nominal', title: 'parameter', sort: [...params] } },
    spec: { ...columnSize, layer },
  } as unknown as TopLevelSpec;
}
