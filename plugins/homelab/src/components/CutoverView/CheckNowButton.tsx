import { useApi } from '@backstage/frontend-plugin-api';
import Button from '@material-ui/core/Button';
import CircularProgress from '@material-ui/core/CircularProgress';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { describeError } from '../../api/describeError';
import { homelabApiRef } from '../../api/HomelabApi';

/** Asks the backend for a fresh evaluation, then reloads the view with it. */
export function CheckNowButton(props: { planId: string; onChecked(): void }) {
  const api = useApi(homelabApiRef);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<Error>();
  const check = async () => {
    setRunning(true);
    setError(undefined);
    try {
      await api.checkCutover(props.planId);
      props.onChecked();
    } catch (e) {
      setError(e instanceof Error ? e : new Error(String(e)));
    } finally {
      setRunning(false);
    }
  };
  return (
    <>
      <Button
        variant="contained"
        color="primary"
        size="small"
        onClick={check}
        disabled={running}
        startIcon={running ? <CircularProgress size={14} /> : undefined}
      >
        {running ? 'Checking…' : 'Check now'}
      </Button>
      {error && (
        <Alert severity="error" style={{ marginTop: 8 }}>
          The checks could not be run now: {describeError(error)}
        </Alert>
      )}
    </>
  );
}
