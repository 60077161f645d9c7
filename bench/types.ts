/** One line of the `npm run bench` table. */
export interface BenchRow {
  /** What was measured, e.g. "lint 1,000 documents". */
  metric: string;
  value: number;
  unit: string;
  /** value divided by the baseline it is compared with, when there is one. */
  ratio?: number;
  /** What the ratio is against and the target it should meet, e.g. "vs YAML parse; target <= 5". */
  note?: string;
}
