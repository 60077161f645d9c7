import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import type { CutoverSummary } from '../../api/types';
import { countLabel } from './labels';

/** Where a plan's Cutover view is, relative to the Migration page. */
export function cutoverPath(planId: string): string {
  return `cutover/${encodeURIComponent(planId)}`;
}

/** On the Migration page: the link to a plan's Cutover view, with its state and disagreements. */
export function CutoverPlanLink(props: { cutover?: CutoverSummary }) {
  const { cutover } = props;
  if (!cutover) return null;
  return (
    <Box
      display="flex"
      alignItems="center"
      flexWrap="wrap"
      style={{ gap: 4 }}
      mt={0.5}
    >
      <Link to={cutoverPath(cutover.planId)}>Cutover view</Link>
      {cutover.inProgress && (
        <Chip size="small" color="secondary" label="cutover in progress" />
      )}
      {cutover.disagreements > 0 && (
        <Chip
          size="small"
          color="secondary"
          variant="outlined"
          label={countLabel(cutover.disagreements, 'disagreement')}
        />
      )}
    </Box>
  );
}
