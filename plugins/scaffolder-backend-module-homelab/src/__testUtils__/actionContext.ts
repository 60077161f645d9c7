import { mockServices } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/**
 * A mock action context whose logger and outputs can be read back. createMockActionContext
 * drops isDryRun, so it is set here.
 */
export function actionContext<I extends Record<string, any>>(
  input: I,
  options: {
    workspacePath: string;
    isDryRun?: boolean;
    templateRef?: string;
    /** The requesting user, as the scaffolder passes it (ref and User entity). */
    user?: { ref?: string; entity?: any };
  },
) {
  const logger = mockServices.logger.mock();
  const context = createMockActionContext<any>({
    input,
    workspacePath: options.workspacePath,
    logger,
    user: options.user,
    templateInfo: options.templateRef
      ? { entityRef: options.templateRef }
      : undefined,
  });
  const ctx = { ...context, isDryRun: options.isDryRun ?? false };
  const outputs = () =>
    Object.fromEntries((ctx.output as jest.Mock).mock.calls) as Record<
      string,
      any
    >;
  const logLines = (level: 'info' | 'warn' | 'error') =>
    (logger[level] as jest.Mock).mock.calls.map(c => String(c[0]));
  return { ctx, logger, outputs, logLines };
}

/** A valid form-shaped spec, as the homelab-service template sends it. */
export function serviceSpec(overrides: Record<string, unknown> = {}) {
  return {
    name: 'miniflux',
    owner: 'group:default/homelab-admins',
    description: 'Feed reader',
    namespace: { name: 'miniflux', create: true, podSecurity: 'restricted' },
    image: 'ghcr.io/miniflux/miniflux:2.2.6',
    ports: [{ name: 'http', port: 8080 }],
    hostnames: ['miniflux'],
    gateway: { name: 'homelab-gateway', namespace: 'gateway' },
    storage: [{ name: 'data', size: '2Gi', mountPath: '/data' }],
    resources: {
      requests: { cpu: '100m', memory: '128Mi' },
      limits: { cpu: '', memory: '512Mi' },
    },
    probes: { type: 'http', path: '/healthcheck', port: 'http' },
    runAsUser: 1000,
    secretEnv: ['DATABASE_URL'],
    ...overrides,
  };
}
