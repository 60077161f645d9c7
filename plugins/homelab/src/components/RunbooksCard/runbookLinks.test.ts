import type { Entity } from '@backstage/catalog-model';
import { runbookLinks } from './runbookLinks';

function entity(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'karakeep', namespace: 'apps', annotations },
    spec: { type: 'service' },
  };
}

const KARAKEEP = {
  'homelab.dev/runbooks':
    'component:default/homelab-docs#runbooks/karakeep-rollback, Component:default/Homelab-Docs#/runbooks/karakeep-cutover.md',
  'homelab.dev/cutover-runbook':
    'component:default/homelab-docs#runbooks/karakeep-cutover',
};

describe('runbookLinks', () => {
  it('links into the TechDocs reader of the entity that holds the docs', () => {
    const { links, problems } = runbookLinks(entity(KARAKEEP), false);
    expect(problems).toEqual([]);
    expect(links.map(l => [l.href, l.title, l.isCutover, l.pinned])).toEqual([
      [
        '/docs/default/component/homelab-docs/runbooks/karakeep-rollback/',
        'Karakeep rollback',
        false,
        false,
      ],
      [
        '/docs/default/component/homelab-docs/runbooks/karakeep-cutover/',
        'Karakeep cutover',
        true,
        false,
      ],
    ]);
  });

  it('pins the cutover runbook first while the cutover is in progress', () => {
    const { links } = runbookLinks(entity(KARAKEEP), true);
    expect(links.map(l => [l.title, l.pinned])).toEqual([
      ['Karakeep cutover', true],
      ['Karakeep rollback', false],
    ]);
  });

  it('defaults to a component in the entity’s own namespace and reports unusable entries', () => {
    const { links, problems } = runbookLinks(
      entity({ 'homelab.dev/runbooks': 'team-docs#ops/restore,not-a-ref' }),
      false,
    );
    expect(links.map(l => l.href)).toEqual([
      '/docs/apps/component/team-docs/ops/restore/',
    ]);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toMatch(/"not-a-ref" has no "#<page path>"/);
  });
});
