import {
  createExtensionTester,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { ANNOTATION_CUTOVER } from '@internal/plugin-homelab-common';
import { screen } from '@testing-library/react';
import { techdocsStorageApiRef } from '@backstage/plugin-techdocs-react';
import { homelabApiRef } from './api/HomelabApi';
import { fakeTechdocsStorage } from './components/CutoverView/__testUtils__/renderCutover';
import {
  hasCutover,
  hasPhasePlan,
  hasRunbooks,
  isOllamaEntity,
} from './filters';
import homelabPlugin from './index';
import { karakeepComponent, ollamaComponent } from './testing/entities';
import { fakeHomelabApi } from './testing/fixtures';

// Pages are loaded lazily; on a busy machine the first load takes seconds.
const LAZY_LOAD_MS = 10_000;
jest.setTimeout(30_000);

describe('homelab plugin (new frontend system)', () => {
  it('serves the migration page at /homelab/migration', async () => {
    renderTestApp({
      features: [homelabPlugin],
      initialRouteEntries: ['/homelab/migration'],
      apis: [[homelabApiRef, fakeHomelabApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole(
        'table',
        { name: 'phase plans' },
        { timeout: LAZY_LOAD_MS },
      ),
    ).toBeInTheDocument();
  });

  it('serves the Cutover view of a plan under the migration page', async () => {
    renderTestApp({
      features: [homelabPlugin],
      initialRouteEntries: [
        '/homelab/migration/cutover/docs~phases~phase-4.24-karakeep',
      ],
      apis: [
        [homelabApiRef, fakeHomelabApi()],
        [techdocsStorageApiRef, fakeTechdocsStorage()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole(
        'list',
        { name: 'cutover tasks' },
        { timeout: LAZY_LOAD_MS },
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Back to the Migration page' }),
    ).toHaveAttribute('href', '/homelab/migration');
  });

  it('provides the page, the API, the entity cards and tabs and the two form fields', () => {
    for (const id of [
      'api:homelab',
      'page:homelab',
      'entity-card:homelab/ollama-load',
      'entity-card:homelab/runbooks',
      'entity-content:homelab/migration',
      'entity-content:homelab/cutover',
      'entity-card:homelab/cutover-banner',
      'scaffolder-form-field:homelab/compose-service-picker',
      'scaffolder-form-field:homelab/scaffold-preview',
      'scaffolder-template-outputs:homelab/gitops-merge',
    ] as const) {
      expect(homelabPlugin.getExtension(id)).toBeDefined();
    }
  });
});

// As the catalog serves them: its module marks the entity whose plan has a cutover section.
const withCutover = {
  ...karakeepComponent,
  metadata: {
    ...karakeepComponent.metadata,
    annotations: {
      ...karakeepComponent.metadata.annotations,
      [ANNOTATION_CUTOVER]: 'true',
    },
  },
};
// Ollama's plan (phase 4.23) has no cutover section: a phase plan, no mark.
const withoutCutover = ollamaComponent;

describe('the Cutover tab and banner (new frontend system)', () => {
  const filterOf = (id: 'entity-content:homelab/cutover') =>
    createExtensionTester(homelabPlugin.getExtension(id)).get(
      EntityContentBlueprint.dataRefs.filterFunction,
    )!;

  it('shows the tab on an entity whose plan has a cutover, not on one whose plan has none', () => {
    const shows = filterOf('entity-content:homelab/cutover');
    expect(shows(withCutover)).toBe(true);
    expect(shows(withoutCutover)).toBe(false);
    expect(
      shows({
        ...withCutover,
        metadata: {
          ...withCutover.metadata,
          annotations: { [ANNOTATION_CUTOVER]: 'false' },
        },
      }),
    ).toBe(false);
  });

  it('puts the banner on the same entities only', () => {
    const shows = createExtensionTester(
      homelabPlugin.getExtension('entity-card:homelab/cutover-banner'),
    ).get(EntityCardBlueprint.dataRefs.filterFunction)!;
    expect(shows(withCutover)).toBe(true);
    expect(shows(withoutCutover)).toBe(false);
  });

  it('keeps the Migration tab on every entity with a phase plan', () => {
    const shows = createExtensionTester(
      homelabPlugin.getExtension('entity-content:homelab/migration'),
    ).get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(shows(withCutover)).toBe(true);
    expect(shows(withoutCutover)).toBe(true);
  });
});

describe('entity filters for legacy apps', () => {
  const resource = (type: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Resource',
    metadata: { name: 'x' },
    spec: { type },
  });

  it('puts the Ollama card on the model server and on ai-model resources only', () => {
    expect(isOllamaEntity(ollamaComponent)).toBe(true);
    expect(isOllamaEntity(resource('ai-model'))).toBe(true);
    expect(isOllamaEntity(resource('kubernetes-namespace'))).toBe(false);
    expect(
      isOllamaEntity({ ...ollamaComponent, spec: { type: 'service' } }),
    ).toBe(false);
  });

  it('shows the tab and runbooks card only where the annotations are', () => {
    expect(hasPhasePlan(ollamaComponent)).toBe(true);
    expect(hasRunbooks(ollamaComponent)).toBe(true);
    expect(hasPhasePlan(resource('ai-model'))).toBe(false);
    expect(hasRunbooks(resource('ai-model'))).toBe(false);
  });

  it('shows the Cutover tab only where the catalog marked a cutover', () => {
    expect(hasCutover(withCutover)).toBe(true);
    expect(hasCutover(withoutCutover)).toBe(false);
    expect(hasPhasePlan(withoutCutover)).toBe(true);
  });
});
