/** An `http` cutover check through the service proxy, as declared in a phase plan. */
export interface ProxyCheck {
  namespace: string;
  service: string;
  /** Port number or name, as written in the check (the proxy path uses it as is). */
  port: string;
  /** The plan file and the 1-based line of the declaration. */
  file: string;
  line: number;
}

/** The ServiceAccount the portal runs as. */
export interface PortalAccount {
  name: string;
  namespace: string;
}

/** Defaults of manifests/portal/serviceaccount.yaml. */
export const DEFAULT_PORTAL_ACCOUNT: PortalAccount = {
  name: 'homelab-portal',
  namespace: 'portal',
};
