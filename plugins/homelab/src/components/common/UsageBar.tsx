import Box from '@material-ui/core/Box';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';

/**
 * A figure against its limit. Without a limit there is nothing to draw a bar
 * against, so only the figure is shown and the missing limit is named.
 */
export function UsageBar(props: {
  label: string;
  used?: number;
  limit?: number;
  request?: number;
  format: (n: number | undefined) => string;
}) {
  const { label, used, limit, request, format } = props;
  const percent =
    used !== undefined && limit
      ? Math.round((used / limit) * 1000) / 10
      : undefined;
  const text =
    used === undefined
      ? `${label}: not measured`
      : `${label}: ${format(used)}${
          limit ? ` of ${format(limit)} limit (${percent}%)` : ' (no limit set)'
        }${request ? `, request ${format(request)}` : ''}`;
  return (
    <Box mb={1}>
      <Typography variant="body2">{text}</Typography>
      {percent !== undefined && (
        <LinearProgress
          variant="determinate"
          value={Math.min(100, percent)}
          color={percent >= 90 ? 'secondary' : 'primary'}
          aria-label={`${label} against limit`}
        />
      )}
    </Box>
  );
}
