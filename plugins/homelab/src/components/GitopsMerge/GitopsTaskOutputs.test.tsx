import { discoveryApiRef, fetchApiRef } from '@backstage/frontend-plugin-api';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ScaffoldBranchStatus } from '@internal/plugin-homelab-common';
import { GitopsTaskOutputs } from './GitopsTaskOutputs';

const STATUS: ScaffoldBranchStatus = {
  branch: 'scaffold/miniflux',
  baseBranch: 'main',
  exists: true,
  commit: 'a'.repeat(40),
  files: [
    'manifests/miniflux/miniflux/deployment.yaml',
    'manifests/miniflux/kustomization.yaml',
  ],
  canMerge: true,
};

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json' },
  });

/** The homelab backend's scaffold-branch routes, answering as the backend does. */
function backend(
  status: ScaffoldBranchStatus,
  merge: () => Response = () =>
    json(200, {
      branch: 'scaffold/miniflux',
      baseBranch: 'main',
      commit: 'b'.repeat(40),
      method: 'fast-forward',
      files: status.files,
    }),
) {
  const calls: string[] = [];
  const fetch = jest.fn(async (url: string, init?: RequestInit) => {
    calls.push(`${init?.method ?? 'GET'} ${url}`);
    return init?.method === 'POST' ? merge() : json(200, status);
  });
  return {
    calls,
    apis: [
      [fetchApiRef, { fetch }],
      [
        discoveryApiRef,
        { getBaseUrl: async () => 'http://portal/api/homelab' },
      ],
    ] as const,
  };
}

const OUTPUT = {
  links: [{ title: 'Pull request', url: 'http://portal/compare' }],
  scaffoldBranch: 'scaffold/miniflux',
};

describe('the task page of a GitOps template', () => {
  it('shows the links, the branch files and merges the branch on the button', async () => {
    const { apis, calls } = backend(STATUS);
    await renderInTestApp(<GitopsTaskOutputs output={OUTPUT} />, {
      apis: apis as any,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText('manifests/miniflux/miniflux/deployment.yaml'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Pull request/ })).toBeVisible();
    await userEvent.click(
      screen.getByRole('button', { name: 'Merge into main' }),
    );
    expect(
      await screen.findByText(/Merged scaffold\/miniflux into main/),
    ).toBeInTheDocument();
    expect(calls).toEqual([
      'GET http://portal/api/homelab/gitops/branches/scaffold/miniflux',
      'POST http://portal/api/homelab/gitops/branches/scaffold/miniflux/merge',
    ]);
  });

  it('says why there is no button when the caller cannot merge', async () => {
    const { apis } = backend({
      ...STATUS,
      canMerge: false,
      refusal: 'forge',
      message:
        'the GitOps repository is https://git.home.arpa/homelab/gitops: merge scaffold/miniflux into main in its pull request there',
    });
    await renderInTestApp(<GitopsTaskOutputs output={OUTPUT} />, {
      apis: apis as any,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    expect(
      await screen.findByText(
        /merge scaffold\/miniflux into main in its pull request there/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /Merge into/ })).toBeNull();
  });

  it("shows the backend's refusal of a merge and keeps the button", async () => {
    const { apis } = backend(STATUS, () =>
      json(409, {
        error: {
          name: 'ConflictError',
          message:
            'scaffold/miniflux does not merge cleanly into main: manifests/miniflux/kustomization.yaml changed on both',
        },
        response: { statusCode: 409 },
      }),
    );
    await renderInTestApp(<GitopsTaskOutputs output={OUTPUT} />, {
      apis: apis as any,
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Merge into main' }),
    );
    expect(
      await screen.findByText(/does not merge cleanly into main/),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Merge into main' }),
      ).toBeEnabled(),
    );
  });

  it('is the default outputs alone for a task without a scaffold branch', async () => {
    const { apis, calls } = backend(STATUS);
    await renderInTestApp(
      <GitopsTaskOutputs output={{ links: OUTPUT.links }} />,
      {
        apis: apis as any,
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('link', { name: /Pull request/ }),
    ).toBeVisible();
    expect(calls).toEqual([]);
  });
});
