import type { BenchRow } from '../types.ts';

/** Median of a non-empty list. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? sorted[middle]
    : (sorted[middle - 1] + sorted[middle]) / 2;
}

/**
 * Two rows for one figure: the stock app's, and this portal's with the ratio portal / stock and
 * whether it meets `target` (at most).
 */
export function comparisonRows(
  metric: string,
  unit: string,
  portal: number,
  stock: number,
  target: number,
  stockLabel: string,
): BenchRow[] {
  const ratio = portal / stock;
  const verdict = ratio <= target ? 'pass' : 'over';
  return [
    {
      metric: `${metric}, ${stockLabel}`,
      value: Number(stock.toFixed(1)),
      unit,
    },
    {
      metric: `${metric}, this portal`,
      value: Number(portal.toFixed(1)),
      unit,
      ratio: Number(ratio.toFixed(2)),
      note: `vs ${stockLabel}; target <= ${target}: ${verdict}`,
    },
  ];
}
