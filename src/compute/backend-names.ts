/** The tfjs backends a run can ask for (kept apart from backend.ts, which loads tfjs). */
export const BACKENDS = ['wasm', 'cpu', 'tensorflow'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** A backend that was asked for by name and cannot run here: a usage problem, not a failed run. */
export class BackendUnavailableError extends Error {
  override readonly name = 'BackendUnavailableError';
}
