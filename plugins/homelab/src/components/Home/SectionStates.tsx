import type { HomeSection, HomeSummary } from '@internal/plugin-homelab-common';
import Alert from '@material-ui/lab/Alert';
import type { ReactNode } from 'react';
import type { Polled } from '../../hooks/usePolled';
import {
  CardNotLoaded,
  RefreshFailedBanner,
  StaleBanner,
} from '../common/CardStates';
import { HomeEmpty } from './HomeEmpty';

/**
 * One widget's section of the home summary through its states: loading, the
 * request failed, the backend's computation failed, not computed yet, stale
 * (shown above the data), empty, and the data itself.
 */
export function SectionStates<T>(props: {
  polled: Polled<HomeSummary>;
  pick: (s: HomeSummary) => HomeSection<T>;
  what: string;
  isEmpty: (data: T) => boolean;
  empty: { title: string; description: ReactNode };
  children: (data: T) => ReactNode;
}) {
  const { polled, pick, what, isEmpty, empty, children } = props;
  if (!polled.value) return <CardNotLoaded state={polled} what={what} />;
  const section = pick(polled.value);
  const { data, error, stale, updatedAt } = section;
  if (data === undefined) {
    return error ? (
      <Alert severity="error">
        The portal could not read {what}: {error}
      </Alert>
    ) : (
      <Alert severity="info" role="status">
        Waiting for the first reading of {what}; it is taken every few seconds.
      </Alert>
    );
  }
  return (
    <>
      <RefreshFailedBanner error={polled.error} loadedAt={polled.loadedAt} />
      {(stale || error) && (
        <StaleBanner lastSeen={updatedAt}>
          {error
            ? `Showing the last good reading of ${what}: ${error}.`
            : `The reading of ${what} is older than two intervals; the portal may have stopped reading it.`}
        </StaleBanner>
      )}
      {isEmpty(data) ? (
        <HomeEmpty title={empty.title} description={empty.description} />
      ) : (
        children(data)
      )}
    </>
  );
}
