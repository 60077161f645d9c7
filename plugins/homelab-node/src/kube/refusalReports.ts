/**
 * The refused credential this process last logged, per API server. Every ClusterClient of a
 * cluster (the homelab plugin's, the catalog's discovery) consults it, so a wrong token is one
 * error in the log rather than one per client; an accepted call forgets it, so the next
 * refusal (a token that went bad again) is reported anew.
 */
const reported = new Map<string, string>();

export const refusalReports = {
  /** True the first time `credentialId` is refused by `server` since its last accepted call. */
  firstRefusal(server: string, credentialId: string): boolean {
    if (reported.get(server) === credentialId) return false;
    reported.set(server, credentialId);
    return true;
  },
  accepted(server: string): void {
    reported.delete(server);
  },
};
