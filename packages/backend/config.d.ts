export interface Config {
  homelab?: {
    /**
     * Environment variables the backend refuses to start without, named in its error
     * (app-config.production.yaml lists every ${VAR} it needs).
     * @visibility backend
     */
    requiredEnvironment?: string[];
    permissions?: {
      /**
       * The permission policy: `homelab` (admins of adminGroup change things, everyone else
       * reads; the default) or `allow-all` (the development config, with guest sign-in).
       * @visibility backend
       */
      policy?: 'allow-all' | 'homelab';
      /**
       * The Group whose members administer the portal; defaults to group:default/homelab-admins.
       * @visibility backend
       */
      adminGroup?: string;
    };
  };
  auth?: {
    providers?: {
      oidc?: {
        [environment: string]: {
          signIn?: {
            /**
             * E-mail domains that may sign in, comma-separated or a list; case and
             * surrounding spaces do not matter. Required when signIn.resolvers is set.
             * @visibility backend
             */
            allowedDomains?: string | string[];
          };
        };
      };
    };
  };
}
