import Alert from '@material-ui/lab/Alert';
import { describeError } from '../../api/describeError';
import type { Polled } from '../../hooks/usePolled';

/** The plans are shown without their cutover links when the cutovers cannot be listed. */
export function CutoverLoadProblem(props: { state: Polled<unknown> }) {
  const { error, value } = props.state;
  if (!error) return null;
  return (
    <Alert severity="warning">
      {value
        ? 'The cutover links may be out of date'
        : 'Cutover views are not linked'}
      : the cutovers could not be listed ({describeError(error)}).
    </Alert>
  );
}
