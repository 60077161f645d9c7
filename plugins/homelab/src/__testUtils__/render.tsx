import type { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  type TestAppOptions,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { homelabApiRef } from '../api/HomelabApi';
import type { fakeHomelabApi } from '../testing/fixtures';

type FakeHomelabApi = ReturnType<typeof fakeHomelabApi>;

/** Renders `element` in a test app whose homelab API is `api`. */
export function renderWithApi(
  api: FakeHomelabApi,
  element: JSX.Element,
  options: Omit<TestAppOptions, 'apis'> = {},
) {
  return renderInTestApp(element, {
    ...options,
    apis: [[homelabApiRef, api]],
  });
}

/** Renders `element` as part of the page of `entity`. */
export function renderOnEntity(
  api: FakeHomelabApi,
  entity: Entity,
  element: JSX.Element,
) {
  return renderWithApi(
    api,
    <EntityProvider entity={entity}>{element}</EntityProvider>,
  );
}
