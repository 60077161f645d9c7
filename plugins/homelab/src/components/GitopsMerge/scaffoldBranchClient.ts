import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type {
  ScaffoldBranchStatus,
  ScaffoldMergeResult,
} from '@internal/plugin-homelab-common';

/** The scaffold-branch routes of /api/homelab, with the signed-in user's credentials. */
export class ScaffoldBranchClient {
  constructor(
    private readonly apis: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  status(name: string): Promise<ScaffoldBranchStatus> {
    return this.call(name, '', { method: 'GET' });
  }

  merge(name: string): Promise<ScaffoldMergeResult> {
    return this.call(name, '/merge', { method: 'POST' });
  }

  private async call<T>(name: string, suffix: string, init: RequestInit) {
    const base = await this.apis.discoveryApi.getBaseUrl('homelab');
    const response = await this.apis.fetchApi.fetch(
      `${base}/gitops/branches/scaffold/${encodeURIComponent(name)}${suffix}`,
      init,
    );
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}

/** `scaffold/<name>` → `<name>`; undefined for any other branch. */
export function scaffoldName(branch: unknown): string | undefined {
  if (typeof branch !== 'string') return undefined;
  const match = /^scaffold\/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)$/.exec(branch);
  return match?.[1];
}
