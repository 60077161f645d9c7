import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import WarningIcon from '@material-ui/icons/Warning';
import type { Disagreement } from '../../api/types';
import { DISAGREEMENT_HINT, DISAGREEMENT_LABEL } from './labels';

/** Where the tick in the markdown and the live check disagree. */
export function DisagreementFlag(props: { disagreement?: Disagreement }) {
  const { disagreement } = props;
  if (!disagreement) return null;
  return (
    <Tooltip title={DISAGREEMENT_HINT[disagreement]}>
      <Chip
        size="small"
        icon={<WarningIcon />}
        color="secondary"
        label={DISAGREEMENT_LABEL[disagreement]}
      />
    </Tooltip>
  );
}
