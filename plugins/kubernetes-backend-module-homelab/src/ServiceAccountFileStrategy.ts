import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  AuthenticationStrategy,
  AuthMetadata,
  ClusterDetails,
  KubernetesCredential,
} from '@backstage/plugin-kubernetes-node';

/**
 * Bearer token from `<serviceAccountDir>/token`, read again whenever the file
 * changes (one stat per request; the kubelet swaps in a new file when it
 * rotates the projected token). A `serviceAccountToken` written in the cluster
 * entry wins, as with the stock `serviceAccount` strategy, which reads only
 * /var/run/secrets.
 */
export class ServiceAccountFileStrategy implements AuthenticationStrategy {
  private cached?: { stamp: string; token: string };
  private readonly tokenFile: string;

  constructor(serviceAccountDir: string) {
    this.tokenFile = path.join(serviceAccountDir, 'token');
  }

  async getCredential(
    clusterDetails: ClusterDetails,
  ): Promise<KubernetesCredential> {
    const written = clusterDetails.authMetadata.serviceAccountToken;
    if (written) return { type: 'bearer token', token: written };
    return { type: 'bearer token', token: await this.readToken() };
  }

  validateCluster(): Error[] {
    return [];
  }

  presentAuthMetadata(_authMetadata: AuthMetadata): AuthMetadata {
    return {};
  }

  private async readToken(): Promise<string> {
    try {
      const stat = await fs.stat(this.tokenFile);
      const stamp = `${stat.ino}:${stat.mtimeMs}:${stat.size}`;
      if (this.cached?.stamp !== stamp) {
        const token = (await fs.readFile(this.tokenFile, 'utf8')).trim();
        if (!token) throw new Error('the file is empty');
        this.cached = { stamp, token };
      }
      return this.cached.token;
    } catch (error) {
      throw new Error(
        `the service account token ${this.tokenFile} could not be read (${
          (error as Error).message
        }); mount the pod's service account token there (automountServiceAccountToken) or set homelab.serviceAccountDir`,
      );
    }
  }
}
