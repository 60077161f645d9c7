import { ConfigReader } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import type {
  AuthResolverCatalogUserQuery,
  AuthResolverContext,
} from '@backstage/plugin-auth-node';
import { readDomainRestrictedSignInResolver } from './resolvers';

// The catalog's User entities: name and profile email.
const USERS = [
  { name: 'ada', email: 'ada@example.org' },
  { name: 'admin', email: 'root@example.org' },
];

const ctx = {
  async signInWithCatalogUser(query: AuthResolverCatalogUserQuery) {
    const user = USERS.find(u =>
      'entityRef' in query
        ? u.name === (query.entityRef as { name: string }).name
        : 'filter' in query &&
          u.email ===
            (query.filter as Record<string, string>)['spec.profile.email'],
    );
    if (!user) throw new NotFoundError('User not found');
    return { token: `token of user:default/${user.name}` };
  },
} as unknown as AuthResolverContext;

function resolver(signIn: object) {
  return readDomainRestrictedSignInResolver(
    new ConfigReader({ signIn }),
    'auth.providers.oidc.production',
  )!;
}

const bothResolvers = {
  resolvers: [
    { resolver: 'emailMatchingUserEntityProfileEmail' },
    { resolver: 'emailLocalPartMatchingUserEntityName' },
  ],
};

const signIn = (r: ReturnType<typeof resolver>, email?: string) =>
  r({ profile: { email }, result: {} }, ctx);

describe('readDomainRestrictedSignInResolver', () => {
  const r = resolver({
    ...bothResolvers,
    allowedDomains: ' Example.ORG , family.example.org,',
  });

  it('signs in a person of an allowed domain whose email is on a User entity', async () => {
    await expect(signIn(r, 'ada@example.org')).resolves.toEqual({
      token: 'token of user:default/ada',
    });
  });

  it('falls back to the local part of the email as the User name', async () => {
    await expect(signIn(r, 'admin@family.example.org')).resolves.toEqual({
      token: 'token of user:default/admin',
    });
  });

  it('compares the domain without regard to case', async () => {
    await expect(signIn(r, 'ada@EXAMPLE.org')).resolves.toEqual({
      token: 'token of user:default/ada',
    });
  });

  it('refuses admin@ another domain before any catalog look-up', async () => {
    await expect(signIn(r, 'admin@evil.example')).rejects.toThrow(
      'Sign-in refused: admin@evil.example is not of a domain allowed to sign in to this portal',
    );
    await expect(signIn(r, 'ada@example.org.evil.example')).rejects.toThrow(
      /not of a domain allowed/,
    );
  });

  it('tells a person of an allowed domain without a User entity what is missing', async () => {
    await expect(signIn(r, 'jane@example.org')).rejects.toThrow(
      'No User entity for jane@example.org in the catalog; ask an admin to add one',
    );
  });

  it('refuses a profile without a verified email', async () => {
    await expect(signIn(r, undefined)).rejects.toThrow(
      /sent no verified email address/,
    );
  });

  it('accepts the domains as a YAML list too', async () => {
    const list = resolver({ ...bothResolvers, allowedDomains: ['example.org'] });
    await expect(signIn(list, 'ada@example.org')).resolves.toBeDefined();
  });

  it('refuses to start without allowed domains, naming the key', () => {
    expect(() => resolver(bothResolvers)).toThrow(
      /^auth.providers.oidc.production.signIn.allowedDomains: no email domain may sign in/,
    );
    expect(() => resolver({ ...bothResolvers, allowedDomains: ' , ' })).toThrow(
      /no email domain may sign in/,
    );
  });

  it('refuses an email address where a domain belongs', () => {
    expect(() =>
      resolver({ ...bothResolvers, allowedDomains: 'ada@example.org' }),
    ).toThrow(/"ada@example.org" is not a domain/);
  });

  it('refuses a resolver it does not restrict, naming it', () => {
    expect(() =>
      resolver({
        allowedDomains: 'example.org',
        resolvers: [{ resolver: 'preferredUsernameMatchingUserEntityName' }],
      }),
    ).toThrow(
      'auth.providers.oidc.production.signIn.resolvers[0]: "preferredUsernameMatchingUserEntityName" is not available',
    );
  });

  it('leaves an environment without resolvers to the provider (no sign-in)', () => {
    expect(
      readDomainRestrictedSignInResolver(new ConfigReader({}), 'x'),
    ).toBeUndefined();
  });
});
