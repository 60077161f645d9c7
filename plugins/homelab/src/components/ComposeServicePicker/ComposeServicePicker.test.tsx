import { inputError } from '../../testing/errors';
import type { FieldExtensionComponentProps } from '@backstage/plugin-scaffolder-react';
import {
  act,
  configure,
  screen,
  waitFor,
  within,
} from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import {
  COMPOSE_YAML,
  composeDraftResponse,
  fakeHomelabApi,
} from '../../testing/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import type { ComposeDraftRequest, ComposeStackPreview } from '../../api/types';
import { ComposeServicePicker } from './ComposeServicePicker';

const STACK: ComposeStackPreview = {
  namespace: 'reader',
  podSecurity: 'restricted',
  services: [
    {
      service: 'web',
      name: 'web',
      role: 'deployment',
      podSecurity: 'restricted',
      secretKeys: ['ADMIN_PASSWORD'],
      unmapped: [
        { key: 'container_name', reason: 'Kubernetes names pods itself' },
      ],
      warnings: ['${WEB_TAG} in image: from the env file "2.2.10" was used'],
    },
    {
      service: 'migrate',
      name: 'migrate',
      role: 'init',
      runsIn: ['web'],
      podSecurity: 'restricted',
      secretKeys: [],
      unmapped: [],
      warnings: [],
    },
    {
      service: 'kuma',
      name: 'kuma',
      role: 'deployment',
      podSecurity: 'restricted',
      decision: { reason: 'image: floats (latest)', fix: 'pin the image' },
      secretKeys: [],
      unmapped: [],
      warnings: [],
    },
  ],
  inactive: { backup: ['backup'] },
  warnings: [],
  files: ['reader/namespace.yaml', 'reader/kustomization.yaml'],
  phasePlan: '# Phase: Migrate the reader compose stack\n',
};

// Each answer waits out the 400 ms debounce; leave room on a busy machine.
configure({ asyncUtilTimeout: 3000 });

const schema = {
  type: 'string',
  title: 'Service to migrate',
  description: 'Pick the compose service to move to the cluster',
};

/** The picker on a form that keeps what it reports, as the scaffolder's Stepper does. */
function Field(props: {
  composeYaml?: string;
  initial?: string;
  rawErrors?: string[];
  onChange?: (value?: string) => void;
  /** Other fields of the form: envFile, envFiles. */
  form?: Record<string, unknown>;
}) {
  const [value, setValue] = useState(props.initial);
  const fieldProps = {
    schema,
    uiSchema: {},
    idSchema: { $id: 'root_service' },
    name: 'service',
    required: true,
    disabled: false,
    readonly: false,
    rawErrors: props.rawErrors ?? [],
    formData: value,
    formContext: {
      formData: {
        composeYaml: props.composeYaml,
        service: value,
        ...props.form,
      },
    },
    onChange: (v?: string) => {
      props.onChange?.(v);
      setValue(v);
    },
    onBlur: jest.fn(),
    onFocus: jest.fn(),
  } as unknown as FieldExtensionComponentProps<string>;
  return <ComposeServicePicker {...fieldProps} />;
}

const select = () => screen.getByRole('button', { name: /Service to migrate/ });

/** Waits out the debounce and the backend's answer. */
const settled = () =>
  waitFor(() =>
    expect(select().closest('[aria-busy]')).toHaveAttribute(
      'aria-busy',
      'false',
    ),
  );

const badRequest = (message: string) =>
  inputError(message, '/api/homelab/compose/draft');

describe('ComposeServicePicker', () => {
  it('is disabled and asks for the file while nothing is pasted', async () => {
    const api = fakeHomelabApi();
    await renderWithApi(api, <Field composeYaml="  " />);
    expect(select()).toHaveAttribute('aria-disabled', 'true');
    expect(
      screen.getByText(/Paste the docker-compose.yml above first/),
    ).toBeInTheDocument();
    await act(() => new Promise(r => setTimeout(r, 600)));
    expect(api.draftComposeService).not.toHaveBeenCalled();
  });

  it('lists the services of the pasted file and reports the one chosen', async () => {
    const api = fakeHomelabApi();
    const onChange = jest.fn();
    await renderWithApi(
      api,
      <Field composeYaml={COMPOSE_YAML} onChange={onChange} />,
    );
    await settled();
    expect(api.draftComposeService).toHaveBeenCalledWith({
      composeYaml: COMPOSE_YAML,
      service: undefined,
    });
    expect(select()).not.toHaveAttribute('aria-disabled');
    expect(
      screen.getByText('Pick the compose service to move to the cluster'),
    ).toBeInTheDocument();

    await userEvent.click(select());
    const listbox = await screen.findByRole('listbox');
    expect(
      within(listbox)
        .getAllByRole('option')
        .map(o => o.textContent),
    ).toEqual([
      'Every service of the file (one namespace)',
      'web (ghcr.io/miniflux/miniflux:2.2.10)',
      'db (postgres:17)',
    ]);
    await userEvent.click(within(listbox).getByText('db (postgres:17)'));
    expect(onChange).toHaveBeenCalledWith('db');
  });

  it('does not choose a lone service by itself', async () => {
    const api = fakeHomelabApi({
      draftComposeService: jest.fn(async () => ({
        services: [{ name: 'app' }],
      })),
    });
    const onChange = jest.fn();
    await renderWithApi(
      api,
      <Field
        composeYaml={'services:\n  app:\n    build: .\n'}
        onChange={onChange}
      />,
    );
    await settled();
    expect(api.draftComposeService).toHaveBeenCalledTimes(1);
    expect(onChange).not.toHaveBeenCalled();
    await userEvent.click(select());
    expect(
      await screen.findByRole('option', {
        name: 'app (no image, built from source)',
      }),
    ).toBeInTheDocument();
  });

  it('shows the draft of the chosen service for review', async () => {
    const api = fakeHomelabApi();
    await renderWithApi(api, <Field composeYaml={COMPOSE_YAML} />);
    await settled();
    expect(screen.queryByRole('region', { name: 'Imported draft' })).toBeNull();

    await userEvent.click(select());
    await userEvent.click(await screen.findByRole('option', { name: /^web / }));
    const draft = await screen.findByRole('region', { name: 'Imported draft' });
    expect(api.draftComposeService).toHaveBeenLastCalledWith({
      composeYaml: COMPOSE_YAML,
      service: 'web',
    });

    const secrets = within(draft).getByRole('list', {
      name: 'secret variables',
    });
    expect(
      within(secrets)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['DATABASE_URL', 'ADMIN_PASSWORD']);
    expect(draft).toHaveTextContent('their values are not copied');
    expect(draft).not.toHaveTextContent('changeme');
    expect(
      within(draft).getByRole('list', { name: 'unmapped keys' }),
    ).toHaveTextContent('network_mode: pods share the cluster network');
    expect(
      within(draft).getByRole('list', { name: 'warnings' }),
    ).toHaveTextContent(composeDraftResponse('web').draft!.warnings[0]);
    // The code block fills in its highlighted text a moment after it appears.
    await waitFor(() =>
      expect(draft).toHaveTextContent(
        'image: ghcr.io/miniflux/miniflux:2.2.10',
      ),
    );
    expect(draft).toHaveTextContent(
      'The name, namespace, hostname and image can still be changed on the next step.',
    );
  });

  it('previews every service of the file with the pasted .env and env_file contents', async () => {
    const api = fakeHomelabApi({
      draftComposeService: jest.fn(async (request: ComposeDraftRequest) =>
        request.all
          ? { services: composeDraftResponse().services, stack: STACK }
          : composeDraftResponse(request.service),
      ),
    });
    const onChange = jest.fn();
    await renderWithApi(
      api,
      <Field
        composeYaml={COMPOSE_YAML}
        onChange={onChange}
        form={{
          envFile: 'WEB_TAG=2.2.10\n',
          envFiles: [
            { path: './web.env', content: 'ADMIN_PASSWORD=hunter2\n' },
            { path: '', content: 'not sent: no path yet' },
          ],
        }}
      />,
    );
    await settled();
    await userEvent.click(select());
    await userEvent.click(
      await screen.findByRole('option', { name: /^Every service of the file/ }),
    );
    expect(onChange).toHaveBeenCalledWith('*');
    const preview = await screen.findByRole('region', {
      name: 'Imported stack',
    });
    expect(api.draftComposeService).toHaveBeenLastCalledWith({
      composeYaml: COMPOSE_YAML,
      all: true,
      envFile: 'WEB_TAG=2.2.10\n',
      envFiles: { './web.env': 'ADMIN_PASSWORD=hunter2\n' },
    });
    expect(preview).toHaveTextContent(
      'Every service of the file goes into the namespace reader (Pod Security restricted',
    );
    expect(preview).toHaveTextContent('2 of 3 services render');
    const web = within(preview).getByRole('listitem', { name: 'service web' });
    expect(web).toHaveTextContent(
      'web: renders as Deployment, Pod Security restricted',
    );
    expect(web).toHaveTextContent('Secret (values not copied): ADMIN_PASSWORD');
    expect(web).toHaveTextContent(
      'check: ${WEB_TAG} in image: from the env file "2.2.10" was used',
    );
    expect(web).toHaveTextContent(
      'not carried over: container_name: Kubernetes names pods itself',
    );
    expect(
      within(preview).getByRole('listitem', { name: 'service migrate' }),
    ).toHaveTextContent('migrate: renders as init container of web');
    expect(
      within(preview).getByRole('listitem', { name: 'service kuma' }),
    ).toHaveTextContent(
      'kuma: not rendered: pin the image (image: floats (latest))',
    );
    expect(preview).toHaveTextContent(
      'backup: left out, its profiles (backup) are not active',
    );
    expect(preview).not.toHaveTextContent('hunter2');
    // two debounced requests and a menu on a shared machine
  }, 20_000);

  it('shows the backend 400 message as the field error', async () => {
    const message =
      'composeYaml: compose file is not valid YAML (line 3: bad indentation of a mapping entry); fix the syntax and paste the whole file';
    const api = fakeHomelabApi({
      draftComposeService: jest.fn(async () => {
        throw await badRequest(message);
      }),
    });
    await renderWithApi(
      api,
      <Field composeYaml={'services:\n  web:\n image: x'} />,
    );
    const helper = await screen.findByText(message);
    expect(helper).toHaveClass('Mui-error');
    expect(screen.queryByRole('region', { name: 'Imported draft' })).toBeNull();
  });

  it('keeps the services selectable when the draft of one fails', async () => {
    const message = 'service: db has neither an image nor a build context';
    const api = fakeHomelabApi({
      draftComposeService: jest.fn(
        async (request: { composeYaml: string; service?: string }) => {
          if (request.service === 'db') throw await badRequest(message);
          return composeDraftResponse(request.service);
        },
      ),
    });
    await renderWithApi(api, <Field composeYaml={COMPOSE_YAML} />);
    await settled();
    await userEvent.click(select());
    await userEvent.click(await screen.findByRole('option', { name: /^db / }));
    expect(await screen.findByText(message)).toHaveClass('Mui-error');

    await userEvent.click(select());
    await userEvent.click(await screen.findByRole('option', { name: /^web / }));
    expect(
      await screen.findByRole('region', { name: 'Imported draft' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(message)).toBeNull();
  });

  it('flags a chosen service the file no longer has', async () => {
    const api = fakeHomelabApi();
    await renderWithApi(
      api,
      <Field composeYaml={COMPOSE_YAML} initial="worker" />,
    );
    const helper = await screen.findByText(
      '"worker" is not a service of the pasted compose file; pick one of: web, db.',
      {},
    );
    expect(helper).toHaveClass('Mui-error');
    expect(select()).toHaveTextContent('worker (not in this file)');
  });

  it('turns red on form errors, which the form itself prints under the field', async () => {
    const api = fakeHomelabApi();
    await renderWithApi(
      api,
      <Field
        composeYaml={COMPOSE_YAML}
        initial="web"
        rawErrors={['must match pattern "^[a-zA-Z0-9][a-zA-Z0-9_.-]*$"']}
      />,
    );
    await settled();
    const helper = screen.getByText(
      'Pick the compose service to move to the cluster',
    );
    expect(helper).toHaveClass('Mui-error');
    expect(screen.queryByText(/must match pattern/)).toBeNull();
  });
});
