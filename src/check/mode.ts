import { parse } from 'yaml';
import { canonicalJson } from '../experiment/cells.js';
import type { CheckMetadata } from './metadata.js';

export type CheckMode = 'exact' | 'statistical';

/** The recorded objective, canonically: the same file content gives the same string. */
function objectiveOf(text: string): string | undefined {
  try {
    const doc = parse(text) as { objective?: unknown } | null;
    return doc?.objective === undefined ? undefined : canonicalJson(doc.objective);
  } catch {
    return undefined;
  }
}

/**
 * Why two result directories are not two runs of one experiment (then there is nothing
 * to compare), or undefined. The grid may differ: that shows as missing or extra cells.
 */
export function experimentMismatch(baseline: CheckMetadata, candidate: CheckMetadata): string | undefined {
  if (baseline.experiment.name !== candidate.experiment.name) {
    return `different experiments: '${baseline.experiment.name}' vs '${candidate.experiment.name}'`;
  }
  const a = objectiveOf(baseline.experiment.text);
  const b = objectiveOf(candidate.experiment.text);
  if (a === undefined || b === undefined) return 'the recorded experiment text has no readable objective';
  if (a !== b) return `different objectives: ${a} vs ${b}`;
  return undefined;
}

/**
 * Exact mode when the numbers should be reproducible bit for bit (same seed, trials and
 * backend), statistical otherwise or when asked; the reasons say why.
 */
export function chooseMode(
  baseline: CheckMetadata,
  candidate: CheckMetadata,
  forceStatistical = false,
): { mode: CheckMode; reasons: string[] } {
  const reasons: string[] = [];
  if (forceStatistical) reasons.push('--statistical');
  if (baseline.seed !== candidate.seed) reasons.push(`seeds differ (${baseline.seed} vs ${candidate.seed})`);
  if (baseline.trials !== candidate.trials) reasons.push(`trials differ (${baseline.trials} vs ${candidate.trials})`);
  if (baseline.backend !== candidate.backend) {
    reasons.push(`backends differ (${baseline.backend} vs ${candidate.backend})`);
  }
  if (reasons.length > 0) return { mode: 'statistical', reasons };
  return {
    mode: 'exact',
    reasons: [`same seed ${baseline.seed}, trials ${baseline.trials} and backend ${baseline.backend}`],
  };
}
