import { Config } from '@backstage/config';
import {
  portalDataDir,
  portalGitIdentity,
} from '@internal/plugin-homelab-node';
import {
  DEFAULT_BASE_DOMAIN,
  DEFAULT_PORTAL_ACCOUNT,
  dnsLabelProblem,
  formatPath,
  gatewayDataPlaneSchema,
  hostnameProblem,
} from '@internal/homelab-manifests';
import type {
  GatewayDataPlane,
  PortalAccount,
} from '@internal/homelab-manifests';

/** What the homelab actions read from app-config and the environment. */
export interface HomelabScaffolderConfig {
  /** Appended to bare hostnames (`homelab.baseDomain`). */
  baseDomain: string;
  /** The portal's data folder: `HOMELAB_DATA_DIR`, else `<repository>/data` as in app-config.yaml. */
  dataDir: string;
  /** Commit author (`scaffolder.defaultAuthor`). */
  author: { name: string; email: string };
  /** Where the Gateway's proxy pods run (`homelab.gateway.dataPlane`), for specs without one. */
  gatewayDataPlane?: GatewayDataPlane;
  /**
   * The portal's ServiceAccount (`homelab.portal.serviceAccount`), which rendered
   * services/proxy Roles are bound to; default that of manifests/portal.
   */
  portalAccount: PortalAccount;
}

export function readHomelabScaffolderConfig(
  config: Config,
  options: { cwd?: string; env?: NodeJS.ProcessEnv } = {},
): HomelabScaffolderConfig {
  const cwd = options.cwd ?? process.cwd();
  const env = options.env ?? process.env;
  const baseDomain =
    config.getOptionalString('homelab.baseDomain') ?? DEFAULT_BASE_DOMAIN;
  const problem = hostnameProblem(baseDomain);
  if (problem) {
    throw new Error(
      `homelab.baseDomain: ${problem}; set a domain such as k8s.home.arpa`,
    );
  }
  return {
    baseDomain,
    gatewayDataPlane: readGatewayDataPlane(config),
    portalAccount: readPortalAccount(config),
    dataDir: portalDataDir(cwd, env),
    author: portalGitIdentity(config),
  };
}

function readGatewayDataPlane(config: Config): GatewayDataPlane | undefined {
  const value = config.getOptional('homelab.gateway.dataPlane');
  if (value === undefined) return undefined;
  const result = gatewayDataPlaneSchema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = formatPath(['dataPlane', ...issue.path]);
  throw new Error(
    `homelab.gateway.${where}: ${issue.message}; use envoy-gateway, cilium, traefik or { namespace, podLabels }`,
  );
}

function readPortalAccount(config: Config): PortalAccount {
  const account = { ...DEFAULT_PORTAL_ACCOUNT };
  for (const key of ['name', 'namespace'] as const) {
    const value = config.getOptionalString(
      `homelab.portal.serviceAccount.${key}`,
    );
    if (value === undefined) continue;
    const problem = dnsLabelProblem(value);
    if (problem)
      throw new Error(
        `homelab.portal.serviceAccount.${key}: ${problem}; give the portal's ServiceAccount ${key} as in manifests/portal/serviceaccount.yaml (default ${DEFAULT_PORTAL_ACCOUNT[key]})`,
      );
    account[key] = value;
  }
  return account;
}
