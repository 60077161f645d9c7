// A real OpenID provider on loopback (oidc-provider, the certified implementation) for tests
// of the production sign-in: discovery, RS256-signed ID tokens, userinfo, refresh tokens,
// and its development login and consent pages, which a test fills in over HTTP.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import Provider, { type Account } from 'oidc-provider';

export interface Person {
  /** What the person types as login on the provider's page. */
  login: string;
  email: string;
  name: string;
}

export interface LoopbackOidc {
  issuer: string;
  metadataUrl: string;
  close(): Promise<void>;
}

export async function startLoopbackOidc(options: {
  port: number;
  client: { id: string; secret: string; redirectUri: string };
  people: Person[];
}): Promise<LoopbackOidc> {
  const issuer = `http://127.0.0.1:${options.port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const signingKey = { ...privateKey.export({ format: 'jwk' }), kid: 'loopback-rs256', alg: 'RS256', use: 'sig' };
  const people = new Map(options.people.map(p => [p.login, p]));

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: options.client.id,
        client_secret: options.client.secret,
        redirect_uris: [options.client.redirectUri],
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
    features: { devInteractions: { enabled: true } },
    ttl: { Interaction: 600, Session: 3600, Grant: 3600, AccessToken: 3600, RefreshToken: 3600, IdToken: 3600 },
    // Backstage asks for openid profile email (no offline_access) and refreshes its session.
    issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    async findAccount(_ctx: unknown, id: string): Promise<Account | undefined> {
      const person = people.get(id);
      if (!person) return undefined;
      return { accountId: id, claims: () => ({ sub: id, email: person.email, email_verified: true, name: person.name }) };
    },
  });
  const server: Server = createServer(provider.callback());
  await new Promise<void>(resolve => server.listen(options.port, '127.0.0.1', resolve));
  return {
    issuer,
    metadataUrl: `${issuer}/.well-known/openid-configuration`,
    close: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
