export interface Config {
  homelab?: {
    signIn?: {
      /**
       * Sign-in providers offered on the sign-in page: `guest` (development only) and `oidc`.
       * @visibility frontend
       */
      providers?: string[];
    };
  };
}
