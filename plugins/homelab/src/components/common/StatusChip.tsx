import type {
  PhaseStatus,
  StatusSource,
} from '@internal/plugin-homelab-common';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';

const LABEL: Record<PhaseStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  complete: 'Complete',
  blocked: 'Blocked',
  unknown: 'Unknown',
};

const COLOR: Record<PhaseStatus, 'default' | 'primary' | 'secondary'> = {
  planned: 'default',
  'in-progress': 'primary',
  complete: 'primary',
  blocked: 'secondary',
  unknown: 'default',
};

export function statusLabel(status: PhaseStatus | undefined): string {
  return LABEL[status ?? 'unknown'] ?? status ?? 'Unknown';
}

/** A phase status; derived ones say so, since nobody declared them. */
export function StatusChip(props: {
  status?: PhaseStatus;
  source?: StatusSource;
  declared?: string;
}) {
  const { status = 'unknown', source, declared } = props;
  const derived = source === 'derived';
  const label = `${statusLabel(status)}${derived ? ' (from tasks)' : ''}`;
  const hint = derived
    ? 'No status is declared in the plan; this one is worked out from its checkboxes.'
    : declared && `Declared as "${declared}"`;
  const chip = (
    <Chip
      size="small"
      label={label}
      color={COLOR[status] ?? 'default'}
      variant={status === 'complete' ? 'default' : 'outlined'}
    />
  );
  return hint ? <Tooltip title={hint}>{chip}</Tooltip> : chip;
}
