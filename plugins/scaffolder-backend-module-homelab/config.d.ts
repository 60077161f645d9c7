export interface Config {
  homelab?: {
    /**
     * Domain appended to bare hostnames in the scaffolder forms, e.g. k8s.home.arpa
     * (the special-use domain for home networks).
     * @visibility backend
     */
    baseDomain?: string;
  };
}
