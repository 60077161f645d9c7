import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type { CutoverDetail } from '../../api/types';
import {
  CardNotLoaded,
  RefreshFailedBanner,
  StaleBanner,
} from '../common/CardStates';
import { formatDuration } from '../common/format';
import { CutoverHeader } from './CutoverHeader';
import { CutoverItems } from './CutoverItems';
import { CutoverOllama } from './CutoverOllama';
import { CutoverPods } from './CutoverPods';
import { CutoverRunbook } from './runbook/CutoverRunbook';
import { useCutover } from './useCutover';
import { useNow } from './useNow';

/** A scheduled result older than this many intervals means the backend's runner stopped. */
const STALE_INTERVALS = 3;

function CheckStateBanners(props: { detail: CutoverDetail; now: number }) {
  const { detail, now } = props;
  const age = detail.checkedAt
    ? (now - Date.parse(detail.checkedAt)) / 1000
    : undefined;
  return (
    <>
      {detail.error && (
        <Alert severity="error">
          The checks could not run: {detail.error}. The results below are from
          the last run that did.
        </Alert>
      )}
      {detail.inProgress &&
        age !== undefined &&
        age > STALE_INTERVALS * detail.intervalSeconds && (
          <StaleBanner lastSeen={detail.checkedAt}>
            Stale results: the checks last ran {formatDuration(age)} ago though
            they run every {detail.intervalSeconds} s while the cutover is in
            progress; the backend's cutover runner may have stopped.
          </StaleBanner>
        )}
    </>
  );
}

export interface CutoverViewProps {
  planId: string;
  /** Fixed polling interval; by default a third of the backend's check interval. */
  pollIntervalMs?: number;
}

/** The runbook beside the cutover's tasks, their live checks, the pods and Ollama. */
export function CutoverView(props: CutoverViewProps) {
  const state = useCutover(props.planId, props.pollIntervalMs);
  const now = useNow();
  const detail = state.value;
  if (!detail) return <CardNotLoaded state={state} what="the cutover" />;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12}>
        <RefreshFailedBanner error={state.error} loadedAt={state.loadedAt} />
        <CheckStateBanners detail={detail} now={now} />
        <Box mt={1}>
          <CutoverHeader detail={detail} now={now} onChecked={state.retry} />
        </Box>
      </Grid>
      <Grid item xs={12} lg={6}>
        <CutoverRunbook runbook={detail.runbook} />
      </Grid>
      <Grid item xs={12} lg={6}>
        <InfoCard title={detail.sectionTitle}>
          {detail.items.length ? (
            <CutoverItems items={detail.items} now={now} />
          ) : (
            <Typography variant="body2" color="textSecondary">
              The cutover section has no task items yet. Add `- [ ]` items to
              it; a check is declared beside an item as{' '}
              <code>&lt;!-- check: pods namespace=… selector=… --&gt;</code>.
            </Typography>
          )}
        </InfoCard>
        <Box mt={3}>
          <CutoverPods pods={detail.pods} />
        </Box>
        {detail.ollamaConsumer && (
          <Box mt={3}>
            <CutoverOllama pollIntervalMs={props.pollIntervalMs} />
          </Box>
        )}
      </Grid>
    </Grid>
  );
}
