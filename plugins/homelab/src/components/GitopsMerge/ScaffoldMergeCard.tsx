import { useState } from 'react';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import type { ScaffoldMergeResult } from '@internal/plugin-homelab-common';
import { describeError } from '../../api/describeError';
import { CardError, CardLoading } from '../common/CardStates';
import { ScaffoldBranchClient } from './scaffoldBranchClient';

/**
 * The scaffold branch of a finished task: its files and, for who may merge it into the
 * embedded GitOps repository, the "Merge into <base>" button; otherwise why not (a forge's
 * branch is merged in its pull request).
 */
export function ScaffoldMergeCard(props: { name: string }) {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  const [client] = useState(
    () => new ScaffoldBranchClient({ discoveryApi, fetchApi }),
  );
  const status = useAsyncRetry(() => client.status(props.name), [props.name]);
  const [merging, setMerging] = useState(false);
  const [merged, setMerged] = useState<ScaffoldMergeResult>();
  const [failure, setFailure] = useState<Error>();

  const merge = async () => {
    setMerging(true);
    setFailure(undefined);
    try {
      setMerged(await client.merge(props.name));
    } catch (error) {
      setFailure(error as Error);
      status.retry();
    } finally {
      setMerging(false);
    }
  };

  const branch = `scaffold/${props.name}`;
  let body;
  if (merged) {
    body = (
      <Alert severity="success">
        Merged {merged.branch} into {merged.baseBranch} (
        {merged.method === 'fast-forward' ? 'fast-forward' : 'merge commit'}{' '}
        {merged.commit.slice(0, 10)}). The catalog and the Migration page show
        it as merged within a few seconds.
      </Alert>
    );
  } else if (status.loading && !status.value) {
    body = <CardLoading />;
  } else if (status.error) {
    body = (
      <CardError
        what={`the branch ${branch}`}
        error={status.error}
        onRetry={status.retry}
      />
    );
  } else if (status.value) {
    const s = status.value;
    body = (
      <>
        {s.exists && (
          <Typography variant="body2" component="div">
            {s.files.length} file{s.files.length === 1 ? '' : 's'} to merge into{' '}
            {s.baseBranch}:
            <ul>
              {s.files.map(f => (
                <li key={f}>
                  <code>{f}</code>
                </li>
              ))}
            </ul>
          </Typography>
        )}
        {failure && (
          <Box mb={2}>
            <Alert severity="error">{describeError(failure)}</Alert>
          </Box>
        )}
        {s.canMerge ? (
          <Button
            variant="contained"
            color="primary"
            disabled={merging}
            onClick={merge}
          >
            {merging ? 'Merging…' : `Merge into ${s.baseBranch}`}
          </Button>
        ) : (
          <Alert severity="info">{s.message}</Alert>
        )}
      </>
    );
  }
  return <InfoCard title={`Branch ${branch}`}>{body}</InfoCard>;
}
