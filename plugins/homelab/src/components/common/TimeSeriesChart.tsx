import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';

export interface ChartSeries {
  label: string;
  values: (number | undefined)[];
  /** Limits are drawn dashed and left out of the "peak" summary. */
  kind?: 'value' | 'limit';
}

const W = 300;
const H = 60;

/** Polyline segments; a gap (no reading) ends a segment instead of drawing through it. */
function segments(
  times: number[],
  values: (number | undefined)[],
  x: (t: number) => number,
  y: (v: number) => number,
) {
  const out: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === undefined || !Number.isFinite(v)) {
      if (current.length) out.push(current.join(' '));
      current = [];
      return;
    }
    current.push(`${x(times[i]).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) out.push(current.join(' '));
  // A single reading is still worth a dot: repeat the point so the line has length.
  return out.map(s => (s.includes(' ') ? s : `${s} ${s}`));
}

function latest(values: (number | undefined)[]) {
  for (let i = values.length - 1; i >= 0; i--)
    if (values[i] !== undefined) return values[i];
  return undefined;
}

/** A small line chart drawn as inline SVG; the figures are also given as text for screen readers and tests. */
export function TimeSeriesChart(props: {
  title: string;
  times: number[];
  series: ChartSeries[];
  format: (n: number | undefined) => string;
}) {
  const { title, times, series, format } = props;
  const theme = useTheme();
  const colors = [
    theme.palette.primary.main,
    theme.palette.secondary.main,
    theme.palette.text.secondary,
  ];
  const all = series.flatMap(s =>
    s.values.filter((v): v is number => v !== undefined),
  );
  const max = Math.max(1, ...all) * 1.05;
  const t0 = times[0] ?? 0;
  const span = Math.max(1, (times[times.length - 1] ?? 0) - t0);
  const x = (t: number) => ((t - t0) / span) * W;
  const y = (v: number) => H - (v / max) * H;

  const summary = series
    .map(s => {
      const vals = s.values.filter((v): v is number => v !== undefined);
      if (!vals.length) return `${s.label}: no readings`;
      return s.kind === 'limit'
        ? `${s.label}: ${format(latest(s.values))}`
        : `${s.label}: now ${format(latest(s.values))}, peak ${format(
            Math.max(...vals),
          )}`;
    })
    .join('; ');

  return (
    <Box mb={1}>
      <Typography variant="caption" component="div">
        {title}
      </Typography>
      <svg
        role="img"
        aria-label={`${title}. ${summary}`}
        viewBox={`0 0 ${W} ${H}`}
        preserveAspectRatio="none"
        width="100%"
        height={H}
        style={{
          display: 'block',
          borderBottom: `1px solid ${theme.palette.divider}`,
        }}
      >
        {series.map((s, i) =>
          segments(times, s.values, x, y).map((points, j) => (
            <polyline
              key={`${s.label}-${j}`}
              points={points}
              fill="none"
              stroke={
                s.kind === 'limit'
                  ? theme.palette.error.main
                  : colors[i % colors.length]
              }
              strokeWidth={1.5}
              strokeDasharray={s.kind === 'limit' ? '4 3' : undefined}
              vectorEffect="non-scaling-stroke"
            />
          )),
        )}
      </svg>
      <Typography variant="caption" color="textSecondary">
        {summary}
      </Typography>
    </Box>
  );
}
