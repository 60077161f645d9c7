import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  authProvidersExtensionPoint,
  createOAuthRouteHandlers,
  OAuthEnvironmentHandler,
} from '@backstage/plugin-auth-node';
import { oidcAuthenticator } from '@backstage/plugin-auth-backend-module-oidc-provider';
import { readDomainRestrictedSignInResolver } from './resolvers';

/**
 * The stock OpenID Connect provider (`auth.providers.oidc`) with the sign-in resolvers of
 * ./resolvers in place of the stock ones, whose allowedDomains option does not cover
 * every resolver and compares case-sensitively.
 */
export const authModuleHomelabOidcProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'homelab-oidc-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'oidc',
          factory: ctx =>
            new OAuthEnvironmentHandler(
              new Map(
                ctx.config.keys().map(env => {
                  const envConfig = ctx.config.getConfig(env);
                  const handlers = createOAuthRouteHandlers({
                    authenticator: oidcAuthenticator,
                    appUrl: ctx.appUrl,
                    baseUrl: ctx.baseUrl,
                    config: envConfig,
                    isOriginAllowed: ctx.isOriginAllowed,
                    cookieConfigurer: ctx.cookieConfigurer,
                    providerId: ctx.providerId,
                    resolverContext: ctx.resolverContext,
                    signInResolver: readDomainRestrictedSignInResolver(
                      envConfig,
                      `auth.providers.${ctx.providerId}.${env}`,
                    ),
                  });
                  return [env, handlers];
                }),
              ),
            ),
        });
      },
    });
  },
});
