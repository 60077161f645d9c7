import Typography from '@material-ui/core/Typography';
import type { PhasePlanSummary } from '../../api/types';
import { prerequisiteLines } from './prerequisites';

export function Prerequisites(props: {
  plan: PhasePlanSummary;
  plans: PhasePlanSummary[];
}) {
  const lines = prerequisiteLines(props.plan, props.plans);
  if (!lines.length) return null;
  return (
    <>
      {lines.map(l => (
        <Typography
          key={l.text}
          variant="body2"
          color={l.blocking ? 'error' : 'textSecondary'}
        >
          {l.text}
        </Typography>
      ))}
    </>
  );
}
