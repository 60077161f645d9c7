export interface Config {
  homelab?: {
    /** The portal's own identity in the cluster. */
    portal?: {
      /**
       * The ServiceAccount the portal runs as, bound by the services/proxy Roles
       * the scaffolder renders for cutover checks; default homelab-portal in portal.
       * @visibility backend
       */
      serviceAccount?: { name?: string; namespace?: string };
    };
    /**
     * Domain appended to bare hostnames in the scaffolder forms, e.g. k8s.home.arpa
     * (the special-use domain for home networks).
     * @visibility backend
     */
    baseDomain?: string;
    /** The Gateway the scaffolded HTTPRoutes attach to. */
    gateway?: {
      /**
       * Where the Gateway's proxy pods run, for the NetworkPolicy's ingress rule:
       * envoy-gateway, cilium, traefik, or the proxy pods' namespace and labels.
       * @visibility backend
       */
      dataPlane?:
        | string
        | { namespace: string; podLabels?: { [key: string]: string } };
    };
  };
}
