import { inputError } from '../../testing/errors';
import { homelabApiRef } from '../../api/HomelabApi';
import { fakeHomelabApi } from '../../testing/fixtures';
import { validateComposeService } from './validation';

async function validate(
  value: string,
  api: ReturnType<typeof fakeHomelabApi>,
  composeYaml = 'services:\n  web:\n    image: nginx\n',
) {
  const addError = jest.fn();
  await validateComposeService(
    value,
    { addError } as any,
    {
      apiHolder: {
        get: (ref: { id: string }) =>
          ref.id === homelabApiRef.id ? api : undefined,
      },
      formData: { composeYaml, service: value },
      schema: {},
    } as any,
  );
  return addError;
}

describe('validateComposeService', () => {
  it('accepts a service of the file and refuses one it does not have', async () => {
    const api = fakeHomelabApi();
    expect(await validate('web', api)).not.toHaveBeenCalled();
    expect(api.draftComposeService).toHaveBeenCalledWith({
      composeYaml: 'services:\n  web:\n    image: nginx\n',
    });
    expect(await validate('worker', api)).toHaveBeenCalledWith(
      '"worker" is not a service of the pasted compose file; pick one of: web, db.',
    );
  });

  it('blocks on the backend 400 only', async () => {
    const message = 'composeYaml: compose file has no services mapping';
    const rejected = fakeHomelabApi({
      draftComposeService: jest.fn(async () => {
        throw await inputError(message, '/api/homelab/compose/draft');
      }),
    });
    expect(await validate('web', rejected)).toHaveBeenCalledWith(message);

    const down = fakeHomelabApi({
      draftComposeService: jest
        .fn()
        .mockRejectedValue(new Error('Failed to fetch')),
    });
    expect(await validate('web', down)).not.toHaveBeenCalled();
  });
});
