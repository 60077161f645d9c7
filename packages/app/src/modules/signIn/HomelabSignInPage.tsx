import { SignInPage, SignInProviderConfig } from '@backstage/core-components';
import { configApiRef, useApi } from '@backstage/core-plugin-api';
import { SignInPageProps } from '@backstage/plugin-app-react';
import { oidcAuthApiRef } from './oidcAuthApi';

const oidcProvider: SignInProviderConfig = {
  id: 'oidc-auth-provider',
  title: 'Single sign-on',
  message: 'Sign in with the homelab identity provider',
  apiRef: oidcAuthApiRef,
};

/** Offers the providers named in homelab.signIn.providers: guest in development, oidc in production. */
export function HomelabSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const names = config.getOptionalStringArray('homelab.signIn.providers') ?? [
    'oidc',
  ];
  const providers = names.map(name =>
    name === 'guest' ? ('guest' as const) : oidcProvider,
  );
  return (
    <SignInPage {...props} title="Homelab" align="center" providers={providers} />
  );
}
