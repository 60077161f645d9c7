import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { CheckStatus } from '../../api/types';
import { CHECK_LABEL } from './labels';

const useStyles = makeStyles(theme => ({
  pass: {
    background: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  fail: {
    background: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  unknown: {},
}));

/** pass (green), fail (red) or unknown (grey). */
export function CheckChip(props: { status: CheckStatus }) {
  const classes = useStyles();
  return (
    <Chip
      size="small"
      label={CHECK_LABEL[props.status]}
      className={classes[props.status]}
      variant={props.status === 'unknown' ? 'outlined' : 'default'}
    />
  );
}
