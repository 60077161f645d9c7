import type { Entity } from '@backstage/catalog-model';
import { fetchApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { techdocsStorageApiRef } from '@backstage/plugin-techdocs-react';
import { homelabApiRef } from '../../../api/HomelabApi';
import { RUNBOOK_HTML } from '../../../testing/cutoverFixtures';
import type { fakeHomelabApi } from '../../../testing/fixtures';

export const STORAGE_URL = 'http://localhost:7007/api/techdocs/static/docs';

/** The TechDocs backend as the storage API reads it: one runbook page, the rest 404. */
export function fakeTechdocsStorage(html = RUNBOOK_HTML) {
  return {
    getApiOrigin: jest.fn(async () => 'http://localhost:7007/api/techdocs'),
    getStorageUrl: jest.fn(async () => STORAGE_URL),
    getBuilder: jest.fn(async () => 'local'),
    getEntityDocs: jest.fn(async () => html),
    syncEntityDocs: jest.fn(async () => 'cached' as const),
    getBaseUrl: jest.fn(async (url: string) => url),
  };
}

/** Answers the runbook's image requests with a tiny PNG. */
export function fakeFetch() {
  return {
    fetch: jest.fn(
      async (_url: string | URL | Request) =>
        new Response('PNG', { headers: { 'content-type': 'image/png' } }),
    ),
  };
}

/** Renders `element` in a test app with the homelab API, TechDocs storage and, if given, an entity. */
export function renderCutover(
  element: JSX.Element,
  options: {
    api: ReturnType<typeof fakeHomelabApi>;
    techdocs?: ReturnType<typeof fakeTechdocsStorage>;
    fetch?: ReturnType<typeof fakeFetch>;
    entity?: Entity;
    initialRouteEntries?: string[];
  },
) {
  const techdocs = options.techdocs ?? fakeTechdocsStorage();
  return renderInTestApp(
    options.entity ? (
      <EntityProvider entity={options.entity}>{element}</EntityProvider>
    ) : (
      element
    ),
    {
      apis: [
        [homelabApiRef, options.api],
        [techdocsStorageApiRef, techdocs],
        [fetchApiRef, options.fetch ?? fakeFetch()],
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: options.initialRouteEntries,
    },
  );
}
