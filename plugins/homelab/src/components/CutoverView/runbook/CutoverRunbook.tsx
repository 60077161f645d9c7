import { InfoCard, Link } from '@backstage/core-components';
import { ANNOTATION_CUTOVER_RUNBOOK } from '@internal/plugin-homelab-common';
import Typography from '@material-ui/core/Typography';
import type { MouseEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { CardError, CardLoading } from '../../common/CardStates';
import { RunbookArticle } from './RunbookArticle';
import { readerPathOf, type RunbookRefView, useRunbook } from './useRunbook';

/** Same-origin links stay in the app instead of reloading it. */
function useInAppLinks() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    const anchor = (event.target as HTMLElement).closest?.('a');
    if (!anchor || anchor.target === '_blank') return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button) {
      return;
    }
    const url = new URL(anchor.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    navigate(`${url.pathname}${url.search}${url.hash}`);
  };
}

function Runbook(props: { runbook: RunbookRefView }) {
  const state = useRunbook(props.runbook);
  const onClick = useInAppLinks();
  const readerPath = readerPathOf(props.runbook);
  let body;
  if (state.loading && !state.value) body = <CardLoading />;
  else if (state.error || !state.value) {
    body = (
      <CardError
        what={`the runbook ${props.runbook.path} of ${props.runbook.entityRef} from TechDocs`}
        error={state.error ?? new Error('no page')}
        onRetry={state.retry}
      />
    );
  } else {
    body = (
      <RunbookArticle
        html={state.value.html}
        onClick={onClick}
        label={`runbook ${state.value.title ?? props.runbook.path}`}
      />
    );
  }
  return (
    <InfoCard
      title={`Runbook${state.value?.title ? `: ${state.value.title}` : ''}`}
      subheader={<Link to={readerPath}>Open in TechDocs</Link>}
    >
      {body}
    </InfoCard>
  );
}

/** The pinned cutover runbook, rendered inline from TechDocs. */
export function CutoverRunbook(props: { runbook?: RunbookRefView }) {
  if (!props.runbook) {
    return (
      <InfoCard title="Runbook">
        <Typography variant="body2" color="textSecondary">
          No cutover runbook is pinned. Name its page in the entity's{' '}
          {ANNOTATION_CUTOVER_RUNBOOK} annotation as &lt;entity-ref&gt;#&lt;page
          path&gt;, e.g.
          component:default/homelab-docs#runbooks/karakeep-cutover.
        </Typography>
      </InfoCard>
    );
  }
  return <Runbook runbook={props.runbook} />;
}
