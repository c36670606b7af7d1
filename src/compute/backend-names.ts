/** The tfjs backends a run can ask for (kept apart from backend.ts, which loads tfjs). */
export const BACKENDS = ['wasm', 'cpu', 'tensorflow'] as const;
export type BackendName = (typeof BACKENDS)[number];
