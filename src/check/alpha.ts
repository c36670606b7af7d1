/** Family-wise false-alarm rate (Holm) of statistical checks unless one is given. */
export const DEFAULT_ALPHA = 0.01;
