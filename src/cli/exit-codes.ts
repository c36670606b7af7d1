/** 0: success; 1: a run or check failed; 2: invalid input; 130: stopped by Ctrl-C (resumable). */
export const EXIT = { ok: 0, failed: 1, invalidInput: 2, interrupted: 130 } as const;
