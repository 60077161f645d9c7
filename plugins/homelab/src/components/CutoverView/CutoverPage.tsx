import { Content, Header, Link, Page } from '@backstage/core-components';
import { useParams } from 'react-router-dom';
import { CutoverView } from './CutoverView';

/** The Cutover view reached from the Migration page: /homelab/migration/cutover/:planId */
export function CutoverPage(props: { pollIntervalMs?: number }) {
  const { planId = '' } = useParams();
  return (
    <Page themeId="tool">
      <Header
        title="Cutover"
        subtitle={<Link to="..">Back to the Migration page</Link>}
      />
      <Content>
        <CutoverView planId={planId} pollIntervalMs={props.pollIntervalMs} />
      </Content>
    </Page>
  );
}
