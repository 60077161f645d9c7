import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  commonSignInResolvers,
  type SignInResolver,
} from '@backstage/plugin-auth-node';
import { Config } from '@backstage/config';
import { emailDomain, parseAllowedDomains } from './allowedDomains';

/** The catalog look-ups a configuration may chain; each refuses with NotFoundError when no User matches. */
const LOOKUPS: Record<string, () => SignInResolver<unknown>> = {
  emailMatchingUserEntityProfileEmail: () =>
    commonSignInResolvers.emailMatchingUserEntityProfileEmail(),
  emailLocalPartMatchingUserEntityName: () =>
    commonSignInResolvers.emailLocalPartMatchingUserEntityName(),
};

/**
 * The sign-in resolver of one environment of a provider (e.g. `auth.providers.oidc.production`):
 * the email's domain must be one of `signIn.allowedDomains` before any catalog look-up of
 * `signIn.resolvers` runs, so `admin@elsewhere` never becomes `user:default/admin`; and a
 * person whom no look-up finds is told that a User entity is missing.
 */
export function readDomainRestrictedSignInResolver(
  envConfig: Config,
  configKey: string,
): SignInResolver<unknown> | undefined {
  const resolverConfigs = envConfig.getOptionalConfigArray('signIn.resolvers');
  if (!resolverConfigs) return undefined;
  const allowed = parseAllowedDomains(
    envConfig.getOptional<string | string[]>('signIn.allowedDomains'),
    `${configKey}.signIn.allowedDomains`,
  );
  const lookups = resolverConfigs.map((c, i) => {
    const name = c.getString('resolver');
    if (!Object.hasOwn(LOOKUPS, name)) {
      throw new Error(
        `${configKey}.signIn.resolvers[${i}]: "${name}" is not available; use ${Object.keys(
          LOOKUPS,
        ).join(' or ')}`,
      );
    }
    return LOOKUPS[name]();
  });

  return async (info, ctx) => {
    const email = info.profile.email;
    if (!email) {
      throw new NotAllowedError(
        'Sign-in refused: the identity provider sent no verified email address',
      );
    }
    if (!allowed.includes(emailDomain(email))) {
      throw new NotAllowedError(
        `Sign-in refused: ${email} is not of a domain allowed to sign in to this portal`,
      );
    }
    for (const lookup of lookups) {
      try {
        return await lookup(info, ctx);
      } catch (error) {
        if ((error as Error)?.name !== 'NotFoundError') throw error;
      }
    }
    throw new NotFoundError(
      `No User entity for ${email} in the catalog; ask an admin to add one`,
    );
  };
}
