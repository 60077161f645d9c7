import { renderTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen } from '@testing-library/react';
import { homelabApiRef } from './api/HomelabApi';
import { hasPhasePlan, hasRunbooks, isOllamaEntity } from './filters';
import homelabPlugin from './index';
import { ollamaComponent } from './testing/entities';
import { fakeHomelabApi } from './testing/fixtures';

describe('homelab plugin (new frontend system)', () => {
  it('serves the migration page at /homelab/migration', async () => {
    renderTestApp({
      features: [homelabPlugin],
      initialRouteEntries: ['/homelab/migration'],
      apis: [[homelabApiRef, fakeHomelabApi()]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByRole('table', { name: 'phase plans' }),
    ).toBeInTheDocument();
  });

  it('provides the page, the API, both entity cards, the entity tab and the two form fields', () => {
    for (const id of [
      'api:homelab',
      'page:homelab',
      'entity-card:homelab/ollama-load',
      'entity-card:homelab/runbooks',
      'entity-content:homelab/migration',
      'scaffolder-form-field:homelab/compose-service-picker',
      'scaffolder-form-field:homelab/scaffold-preview',
    ] as const) {
      expect(homelabPlugin.getExtension(id)).toBeDefined();
    }
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
});
