import { inputError } from '../../testing/errors';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  FieldExtensionComponentProps,
  scaffolderApiRef,
} from '@backstage/plugin-scaffolder-react';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ScaffoldPreview } from './ScaffoldPreview';

const TEMPLATE = {
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'homelab-service', namespace: 'default' },
  spec: { type: 'service', steps: [], parameters: [] },
};
const VALUES = { name: 'miniflux', image: 'ghcr.io/miniflux/miniflux:2.2.6' };
const base64 = (text: string) => Buffer.from(text).toString('base64');
const colour = (level: string, text: string) =>
  `\u001b[33m${level}\u001b[39m: ${text}`;

function field() {
  const props = {
    schema: { title: 'What will be generated' },
    formContext: { formData: VALUES },
    formData: undefined,
    onChange: jest.fn(),
  } as unknown as FieldExtensionComponentProps<unknown>;
  return <ScaffoldPreview {...props} />;
}

async function render(dryRun: jest.Mock) {
  await renderInTestApp(field(), {
    mountPath: '/create/templates/:namespace/:templateName',
    initialRouteEntries: ['/create/templates/default/homelab-service'],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [TEMPLATE] })],
      [scaffolderApiRef, { dryRun } as any],
    ],
  });
  await userEvent.click(
    screen.getByRole('button', { name: 'Preview the generated files' }),
  );
}

describe('ScaffoldPreview', () => {
  it('dry-runs the page template with the form values and lists the files with the lint result', async () => {
    const dryRun = jest.fn().mockResolvedValue({
      directoryContents: [
        {
          path: 'manifests/miniflux/miniflux/deployment.yaml',
          base64Content: base64(
            'kind: Deployment\nmetadata:\n  name: miniflux\n',
          ),
        },
        {
          path: 'manifests/miniflux/namespace.yaml',
          base64Content: base64('kind: Namespace\n'),
        },
      ],
      log: [
        { body: { message: colour('info', 'rendered manifests/...') } },
        {
          body: {
            message: colour(
              'warn',
              'deployment.yaml:12 no readiness probe path',
            ),
          },
        },
        {
          body: {
            message: colour(
              'info',
              'lint: 2 file(s), 0 error(s), 1 warning(s), 0 info(s)',
            ),
          },
        },
      ],
      steps: [],
      output: {},
    });
    await render(dryRun);

    expect(
      await screen.findByText(
        /2 file\(s\) would be generated; lint: 2 file\(s\), 0 error\(s\), 1 warning\(s\)/,
      ),
    ).toBeInTheDocument();
    expect(dryRun).toHaveBeenCalledWith(
      expect.objectContaining({
        template: expect.objectContaining({
          metadata: expect.objectContaining({ name: 'homelab-service' }),
        }),
        values: VALUES,
        directoryContents: [],
      }),
    );
    expect(
      screen.getByText('warn: deployment.yaml:12 no readiness probe path'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByText('manifests/miniflux/miniflux/deployment.yaml'),
    );
    // The highlighter may split the text into spans; read the expanded panel as a whole.
    await waitFor(
      () =>
        expect(
          screen.getByRole('button', {
            name: /deployment\.yaml/,
            expanded: true,
          }).parentElement,
        ).toHaveTextContent(/kind: Deployment metadata: name: miniflux/),
      { timeout: 3000 },
    );
  });

  it('shows why the backend refused the values and offers to try again', async () => {
    const dryRun = jest
      .fn()
      .mockRejectedValue(
        await inputError(
          'spec.resources.requests.cpu: (50m) is larger than the limit (10m)',
          '/api/scaffolder/v2/dry-run',
        ),
      );
    await render(dryRun);

    await waitFor(() =>
      expect(
        screen.getByText(
          /Nothing would be generated: spec.resources.requests.cpu: \(50m\) is larger than the limit/,
        ),
      ).toBeInTheDocument(),
    );
    expect(screen.getByRole('button', { name: 'Preview again' })).toBeEnabled();
  });
});
