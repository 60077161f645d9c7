import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { CutoverDetail } from '../../api/types';
import { formatDuration } from '../common/format';
import { CheckNowButton } from './CheckNowButton';
import { countLabel } from './labels';

function stage(detail: CutoverDetail) {
  if (detail.inProgress) return 'cutover in progress';
  const { done, total } = detail.tasks;
  if (total > 0 && done === total) return 'cutover done';
  return 'cutover not started';
}

function Timing(props: { detail: CutoverDetail; now: number }) {
  const { detail, now } = props;
  const parts = [];
  if (detail.checkedAt) {
    parts.push(
      `checked ${formatDuration(
        (now - Date.parse(detail.checkedAt)) / 1000,
      )} ago`,
    );
  } else {
    parts.push('not checked yet');
  }
  if (detail.inProgress) {
    parts.push(`every ${detail.intervalSeconds} s while in progress`);
    if (detail.nextCheckAt) {
      const next = (Date.parse(detail.nextCheckAt) - now) / 1000;
      parts.push(next > 0 ? `next in ${formatDuration(next)}` : 'next due now');
    }
  } else {
    parts.push('the cutover is not in progress, so checks run only on request');
  }
  return (
    <Typography variant="body2" color="textSecondary">
      {parts.join(', ')}
    </Typography>
  );
}

/** Where the cutover stands: tasks done, check results, disagreements, and a way to check now. */
export function CutoverHeader(props: {
  detail: CutoverDetail;
  now: number;
  onChecked(): void;
}) {
  const { detail, now } = props;
  const { checks } = detail;
  return (
    <InfoCard
      title={detail.title}
      subheader={`${detail.sectionTitle} · ${detail.file}`}
    >
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 16 }}
      >
        <Chip
          size="small"
          color={detail.inProgress ? 'secondary' : 'default'}
          label={stage(detail)}
        />
        <Typography variant="body2">
          {detail.tasks.done} of {detail.tasks.total} tasks done
        </Typography>
        <Typography variant="body2" aria-label="check results">
          {checks.pass} pass, {checks.fail} fail, {checks.unknown} unknown
        </Typography>
        <Typography
          variant="body2"
          color={detail.disagreements ? 'error' : 'textSecondary'}
        >
          {detail.disagreements
            ? `${countLabel(
                detail.disagreements,
                'disagreement',
              )} between checklist and cluster`
            : 'checklist and cluster agree'}
        </Typography>
        <Timing detail={detail} now={now} />
        <Box ml="auto">
          <CheckNowButton planId={detail.planId} onChecked={props.onChecked} />
        </Box>
      </Box>
    </InfoCard>
  );
}
