import { EmptyState, Progress } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Alert from '@material-ui/lab/Alert';
import type { ReactNode } from 'react';
import { describeError } from '../../api/describeError';
import type { Polled } from '../../hooks/usePolled';
import { formatSeen } from './format';

/** First load in flight. */
export function CardLoading() {
  return <Progress />;
}

/** Nothing could be loaded; says what failed and offers a retry. */
export function CardError(props: {
  what: string;
  error: Error;
  onRetry?: () => void;
}) {
  const { what, error, onRetry } = props;
  return (
    <Alert
      severity="error"
      action={
        onRetry && (
          <Button color="inherit" size="small" onClick={onRetry}>
            Retry
          </Button>
        )
      }
    >
      Could not load {what}: {describeError(error)}
    </Alert>
  );
}

/** A polled value that is not there yet: the progress bar, or why it failed with a retry. */
export function CardNotLoaded(props: { state: Polled<unknown>; what: string }) {
  const { state, what } = props;
  if (state.loading) return <CardLoading />;
  return <CardError what={what} error={state.error!} onRetry={state.retry} />;
}

export function CardEmpty(props: { title: string; description: ReactNode }) {
  return (
    <EmptyState
      missing="data"
      title={props.title}
      description={<>{props.description}</>}
    />
  );
}

/** Data is shown but is not current: a refresh failed or the source stopped updating. */
export function StaleBanner(props: {
  lastSeen?: string | number;
  children: ReactNode;
}) {
  return (
    <Alert severity="warning" role="status" aria-label="stale data">
      {props.children}
      {props.lastSeen !== undefined && (
        <> Last updated {formatSeen(props.lastSeen)}.</>
      )}
    </Alert>
  );
}

/** Banner for a value that is kept after a failed refresh; renders nothing while refreshes succeed. */
export function RefreshFailedBanner(props: {
  error?: Error;
  loadedAt?: number;
}) {
  if (!props.error || props.loadedAt === undefined) return null;
  return (
    <StaleBanner lastSeen={props.loadedAt}>
      Showing older data: the last refresh failed ({describeError(props.error)}
      ).
    </StaleBanner>
  );
}
