import { Stepper } from '@backstage/plugin-scaffolder-react/alpha';
import { configure, fireEvent, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
// The real template, not a copy: the test breaks when its first page stops using the picker.
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import templateYaml from '../../../../../templates/compose-migration/template.yaml';
import { COMPOSE_YAML, fakeHomelabApi } from '../../testing/fixtures';
import { renderWithApi } from '../../__testUtils__/render';
import { ComposeServicePicker } from './ComposeServicePicker';
import { validateComposeService } from './validation';

// Each answer waits out the 400 ms debounce; leave room on a busy machine.
configure({ asyncUtilTimeout: 3000 });
// The whole first page (the env_file list among it) renders several times per step; nothing here measures time.
jest.setTimeout(30_000);

// The CLI's Jest config parses .yaml imports; the asset type says string for the bundler's URL.
const template = templateYaml as unknown as {
  metadata: { title: string };
  spec: { parameters: Record<string, any>[] };
};

/** The template's own first page, then a stand-in for the second. */
function renderForm(api: ReturnType<typeof fakeHomelabApi>) {
  const manifest = {
    title: template.metadata.title,
    steps: [
      { title: 'Compose file', schema: template.spec.parameters[0] },
      {
        title: 'Target',
        schema: {
          properties: {
            name: { type: 'string', title: 'Service name on the cluster' },
          },
        },
      },
    ],
  };
  const extensions = [
    {
      name: 'ComposeServicePicker',
      component: ComposeServicePicker,
      validation: validateComposeService,
    },
  ];
  return renderWithApi(
    api,
    <Stepper
      manifest={manifest}
      extensions={extensions}
      onCreate={jest.fn()}
    />,
  );
}

const picker = () => screen.getByRole('button', { name: /Service to migrate/ });
const paste = (text: string) =>
  fireEvent.change(
    screen.getByRole('textbox', { name: /docker-compose.yml/ }),
    {
      target: { value: text },
    },
  );

describe('ComposeServicePicker in the compose-migration form', () => {
  it('reads the pasted file from the same page, shows the draft and lets the user go on', async () => {
    const api = fakeHomelabApi();
    await renderForm(api);
    expect(picker()).toHaveAttribute('aria-disabled', 'true');

    paste(COMPOSE_YAML);
    await waitFor(() => expect(picker()).not.toHaveAttribute('aria-disabled'));
    await userEvent.click(picker());
    await userEvent.click(await screen.findByRole('option', { name: /^web / }));
    const draft = await screen.findByRole('region', { name: 'Imported draft' });
    expect(draft).toHaveTextContent('DATABASE_URL');

    await userEvent.click(screen.getByRole('button', { name: 'Next' }));
    expect(
      await screen.findByRole('textbox', {
        name: 'Service name on the cluster',
      }),
    ).toBeInTheDocument();
  });

  it('keeps the user on the page when the file no longer has the picked service', async () => {
    const api = fakeHomelabApi();
    await renderForm(api);
    paste(COMPOSE_YAML);
    await userEvent.click(
      await waitFor(() => {
        expect(picker()).not.toHaveAttribute('aria-disabled');
        return picker();
      }),
    );
    await userEvent.click(await screen.findByRole('option', { name: /^web / }));
    await screen.findByRole('region', { name: 'Imported draft' });

    api.draftComposeService.mockImplementation(async () => ({
      services: [{ name: 'db', image: 'postgres:17' }],
    }));
    paste('services:\n  db:\n    image: postgres:17\n');
    await userEvent.click(screen.getByRole('button', { name: 'Next' }));

    // The form prints it under the field; the picker's helper does not repeat it.
    const message =
      '"web" is not a service of the pasted compose file; pick one of: db.';
    await waitFor(() => expect(screen.getAllByText(message)).toHaveLength(1));
    expect(picker().closest('[aria-busy]')).not.toHaveTextContent(message);
    expect(api.draftComposeService).toHaveBeenLastCalledWith({
      composeYaml: 'services:\n  db:\n    image: postgres:17\n',
    });
    expect(
      screen.queryByRole('textbox', { name: 'Service name on the cluster' }),
    ).toBeNull();
    await waitFor(() =>
      expect(
        screen.queryByRole('region', { name: 'Imported draft' }),
      ).toBeNull(),
    );
  });
});
