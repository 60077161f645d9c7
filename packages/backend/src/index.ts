import { createBackend } from '@backstage/backend-defaults';
import { rootConfigWithRequiredEnvironment } from './modules/requiredEnvironment';
import { permissionModuleHomelabPolicy } from './modules/permissions/module';
import { signalsModuleUserUpgrades } from './modules/signals/module';
import { authModuleHomelabOidcProvider } from './modules/signIn/module';
import { startWithStartupLock } from './startupLock';

const backend = createBackend();

backend.add(rootConfigWithRequiredEnvironment);
backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(authModuleHomelabOidcProvider);

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionModuleHomelabPolicy);

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
backend.add(import('@internal/plugin-catalog-backend-module-homelab'));
backend.add(import('@internal/plugin-homelab-backend'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-gitea'));
backend.add(import('@internal/plugin-scaffolder-backend-module-homelab'));

backend.add(import('@backstage/plugin-techdocs-backend'));
backend.add(import('@backstage/plugin-kubernetes-backend'));
backend.add(import('@internal/plugin-kubernetes-backend-module-homelab'));

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));
backend.add(import('@backstage/plugin-search-backend-module-techdocs'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(signalsModuleUserUpgrades);

// Replicas start one at a time on PostgreSQL (startupLock.ts), so two started together on an
// empty database do not race on the plugins' migrations. A plugin that fails to start anyway
// would leave the process up but never ready; exiting lets the kubelet start it again. The
// reason goes to stderr first: process.exit drops what the logger has not yet written to a pipe.
startWithStartupLock(() => backend.start()).catch((error: Error) => {
  process.stderr.write(`${error?.stack ?? error}\n`, () => process.exit(1));
});
