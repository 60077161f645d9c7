import { Link } from '@backstage/core-components';
import { useEntity, useEntityRefLink } from '@backstage/plugin-catalog-react';
import Alert from '@material-ui/lab/Alert';
import { countLabel } from './labels';
import { useEntityCutover } from './useEntityCutover';

/** The entity tab the Cutover view is mounted at. */
export const CUTOVER_TAB_PATH = 'cutover';

/**
 * On the entity's overview while its cutover is in progress: a banner that
 * sends the operator to the Cutover tab. Renders nothing otherwise; the tab
 * is there on demand.
 */
export function EntityCutoverBanner(props: { pollIntervalMs?: number }) {
  const { entity } = useEntity();
  const entityLink = useEntityRefLink();
  const cutover = useEntityCutover(entity, props.pollIntervalMs).value;
  if (!cutover?.inProgress) return null;
  const { done, total } = cutover.tasks;
  return (
    <Alert
      severity="warning"
      aria-label="cutover in progress"
      action={
        <Link
          to={`${entityLink(entity).replace(/\/$/, '')}/${CUTOVER_TAB_PATH}`}
        >
          Open the Cutover view
        </Link>
      }
    >
      Cutover in progress ({cutover.sectionTitle}): {done} of {total} tasks
      done, {cutover.checks.fail} failing{' '}
      {cutover.checks.fail === 1 ? 'check' : 'checks'}
      {cutover.disagreements
        ? `, ${countLabel(
            cutover.disagreements,
            'disagreement',
          )} between checklist and cluster`
        : ''}
      .
    </Alert>
  );
}
