import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { PhasePlanSummary } from '../../api/types';

/**
 * "proposed (pull request #N)" for a plan that is still only on a scaffold branch of the
 * GitOps repository, linking the pull request when the forge has one; nothing otherwise.
 */
export function ProposedLabel(props: { plan: PhasePlanSummary }) {
  const { proposed } = props.plan;
  if (!proposed) return null;
  const { pullRequest, branch } = proposed;
  return (
    <Typography
      variant="caption"
      component="div"
      aria-label={`proposed on ${branch}`}
    >
      proposed (
      {pullRequest ? (
        <Link to={pullRequest.url} target="_blank" rel="noopener">
          pull request #{pullRequest.number}
        </Link>
      ) : (
        <>branch {branch}, no pull request yet</>
      )}
      )
    </Typography>
  );
}
