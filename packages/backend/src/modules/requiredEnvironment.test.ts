import { ConfigReader } from '@backstage/config';
import { assertRequiredEnvironment } from './requiredEnvironment';

describe('assertRequiredEnvironment', () => {
  const config = new ConfigReader({
    homelab: { requiredEnvironment: ['POSTGRES_HOST', 'AUTH_OIDC_CLIENT_ID'] },
  });

  it('names the one variable that is missing', () => {
    expect(() =>
      assertRequiredEnvironment(config, { POSTGRES_HOST: 'db' }),
    ).toThrow(/Missing environment variable AUTH_OIDC_CLIENT_ID:/);
  });

  it('names every missing variable at once', () => {
    expect(() => assertRequiredEnvironment(config, {})).toThrow(
      'Missing environment variables POSTGRES_HOST, AUTH_OIDC_CLIENT_ID',
    );
  });

  it('treats an empty value as missing', () => {
    expect(() =>
      assertRequiredEnvironment(config, {
        POSTGRES_HOST: '',
        AUTH_OIDC_CLIENT_ID: 'portal',
      }),
    ).toThrow(/POSTGRES_HOST/);
  });

  it('passes when everything is set, and when nothing is required', () => {
    expect(() =>
      assertRequiredEnvironment(config, {
        POSTGRES_HOST: 'db',
        AUTH_OIDC_CLIENT_ID: 'portal',
      }),
    ).not.toThrow();
    expect(() =>
      assertRequiredEnvironment(new ConfigReader({}), {}),
    ).not.toThrow();
  });
});
