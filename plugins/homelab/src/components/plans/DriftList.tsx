import type { PhaseDrift } from '@internal/plugin-homelab-common';
import Alert from '@material-ui/lab/Alert';

/** Where the plan's declared status or progress contradicts its own checkboxes. */
export function DriftList(props: { drift: PhaseDrift[] }) {
  if (!props.drift.length) return null;
  return (
    <>
      {props.drift.map((d, i) => (
        <Alert key={`${d.kind}-${i}`} severity="warning" role="note">
          {d.section ? `${d.section}: ` : ''}
          {d.message}
        </Alert>
      ))}
    </>
  );
}
