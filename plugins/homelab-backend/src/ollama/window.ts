import { z } from 'zod';

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
export const MIN_WINDOW_MS = 5 * UNIT_MS.m;
export const MAX_WINDOW_MS = 7 * UNIT_MS.d;

/** `?window=` of `GET /ollama/history`: a number with m, h or d, from 5m to 7d; default 1h. */
export const historyQuery = z.object({
  window: z
    .string()
    .regex(
      /^\d+[mhd]$/,
      'window must be a number followed by m, h or d, e.g. 1h',
    )
    .default('1h')
    .transform(w => ({
      text: w,
      ms: Number(w.slice(0, -1)) * UNIT_MS[w.slice(-1) as keyof typeof UNIT_MS],
    }))
    .refine(
      w => w.ms >= MIN_WINDOW_MS && w.ms <= MAX_WINDOW_MS,
      'window must be between 5m and 7d, e.g. 1h',
    ),
});
