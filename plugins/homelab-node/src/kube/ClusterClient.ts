import type { LoggerService } from '@backstage/backend-plugin-api';
import type { Config } from '@backstage/config';
import {
  AuthenticationError,
  isError,
  NotAllowedError,
  NotFoundError,
  ServiceUnavailableError,
} from '@backstage/errors';
import { fetch as undiciFetch } from 'undici';
import { HomelabClusterConfig, readHomelabClusterConfig } from '../config';
import {
  DEFAULT_OUTBOUND_LIMITS,
  formatBytes,
  limitFetch,
  OutboundLimitError,
} from '../limits';
import { describeNetworkFailure, FetchLike } from '../transport';
import { KubeAuth } from './kubeAuth';
import { buildKubeConfig } from './kubeConfig';
import { refusedCredentialMessage } from './refusal';
import { refusalReports } from './refusalReports';
import type {
  KubeEndpointSlice,
  KubeHttpRoute,
  KubePersistentVolumeClaim,
  KubeService,
  ServiceProxyAnswer,
} from './cutoverTypes';
import type {
  KubeDeployment,
  KubeList,
  KubeNamespace,
  KubeNode,
  KubePod,
  KubePodMetrics,
  KubeReplicaSet,
  KubeStatefulSet,
} from './types';

const PAGE_SIZE = 500;

export interface ClusterClientOptions {
  logger?: LoggerService;
  /**
   * Replaces undici's fetch; for callers that bring their own transport. The
   * KubeConfig's headers still apply, and so do the timeout and byte cap of
   * `cluster.limits`.
   */
  fetch?: FetchLike;
}

/**
 * Read-only client of the homelab cluster's Kubernetes API. Credentials and
 * TLS come from a @kubernetes/client-node KubeConfig (the pod's service
 * account, a kubeconfig, or the cluster entry's settings); the requests go
 * through undici under `limitFetch`, because the generated API clients read
 * whole bodies with no byte cap.
 */
export class ClusterClient {
  static fromConfig(config: Config, options: ClusterClientOptions = {}) {
    return new ClusterClient(readHomelabClusterConfig(config), options);
  }

  private readonly fetch: FetchLike;
  private readonly auth: KubeAuth;
  /** The API server's base URL (the pod's, the kubeconfig's or the entry's). */
  readonly server: string;

  constructor(
    readonly cluster: HomelabClusterConfig,
    private readonly options: ClusterClientOptions = {},
  ) {
    this.auth = new KubeAuth(buildKubeConfig(cluster));
    this.server = this.auth.server;
    this.fetch = limitFetch(
      options.fetch ?? (undiciFetch as unknown as FetchLike),
      cluster.limits ?? DEFAULT_OUTBOUND_LIMITS,
      `Kubernetes cluster ${cluster.name}`,
      'homelab.clusterRequests',
    );
  }

  listNodes(): Promise<KubeNode[]> {
    return this.list('/api/v1/nodes');
  }

  listNamespaces(): Promise<KubeNamespace[]> {
    return this.list('/api/v1/namespaces');
  }

  listPods(namespace: string, labelSelector?: string): Promise<KubePod[]> {
    return this.list(
      `/api/v1/namespaces/${enc(namespace)}/pods`,
      labelSelector,
    );
  }

  /** Pods of every namespace in one cluster-wide list (list pods at cluster scope). */
  listAllPods(labelSelector?: string): Promise<KubePod[]> {
    return this.list('/api/v1/pods', labelSelector);
  }

  getDeployment(namespace: string, name: string): Promise<KubeDeployment> {
    return this.get(
      `/apis/apps/v1/namespaces/${enc(namespace)}/deployments/${enc(name)}`,
    );
  }

  getReplicaSet(namespace: string, name: string): Promise<KubeReplicaSet> {
    return this.get(
      `/apis/apps/v1/namespaces/${enc(namespace)}/replicasets/${enc(name)}`,
    );
  }

  getStatefulSet(namespace: string, name: string): Promise<KubeStatefulSet> {
    return this.get(
      `/apis/apps/v1/namespaces/${enc(namespace)}/statefulsets/${enc(name)}`,
    );
  }

  listPodMetrics(
    namespace: string,
    labelSelector?: string,
  ): Promise<KubePodMetrics[]> {
    return this.list(
      `/apis/metrics.k8s.io/v1beta1/namespaces/${enc(namespace)}/pods`,
      labelSelector,
    );
  }

  getPersistentVolumeClaim(
    namespace: string,
    name: string,
  ): Promise<KubePersistentVolumeClaim> {
    return this.get(
      `/api/v1/namespaces/${enc(namespace)}/persistentvolumeclaims/${enc(
        name,
      )}`,
    );
  }

  getHttpRoute(namespace: string, name: string): Promise<KubeHttpRoute> {
    return this.get(
      `/apis/gateway.networking.k8s.io/v1/namespaces/${enc(
        namespace,
      )}/httproutes/${enc(name)}`,
    );
  }

  getService(namespace: string, name: string): Promise<KubeService> {
    return this.get(
      `/api/v1/namespaces/${enc(namespace)}/services/${enc(name)}`,
    );
  }

  /** The EndpointSlices the control plane keeps for one Service. */
  listEndpointSlices(
    namespace: string,
    service: string,
  ): Promise<KubeEndpointSlice[]> {
    return this.list(
      `/apis/discovery.k8s.io/v1/namespaces/${enc(namespace)}/endpointslices`,
      `kubernetes.io/service-name=${service}`,
    );
  }

  /**
   * GET `path` of a Service through the API server's service proxy
   * (`services/proxy` RBAC). Only the status is kept: the backend's body is
   * cancelled unread, the API server's own Status is read for its message.
   * The timeout and byte cap of `cluster.limits` apply.
   */
  async proxyGet(
    namespace: string,
    service: string,
    port: string,
    path: string,
  ): Promise<ServiceProxyAnswer> {
    const what = `Kubernetes cluster ${this.cluster.name}`;
    const auth = await this.auth.prepare();
    const target = `/api/v1/namespaces/${enc(namespace)}/services/${enc(
      service,
    )}:${enc(port)}/proxy${path.startsWith('/') ? path : `/${path}`}`;
    let res: Response;
    try {
      res = await this.fetch(`${this.server}${target}`, {
        headers: { Accept: '*/*', ...auth.headers },
        dispatcher: auth.dispatcher,
        redirect: 'manual',
      } as RequestInit);
    } catch (error) {
      throw new ServiceUnavailableError(
        error instanceof OutboundLimitError
          ? error.message
          : describeNetworkFailure(what, this.server, error),
      );
    }
    const json = (res.headers.get('content-type') ?? '').includes('json');
    if (res.ok || !json) {
      await res.body?.cancel().catch(() => undefined);
      return { status: res.status };
    }
    const text = await res.text().catch(() => '');
    try {
      const body = JSON.parse(text);
      if (body?.kind === 'Status' && typeof body.message === 'string')
        return {
          status: res.status,
          apiStatus: { reason: body.reason, message: body.message },
        };
    } catch {
      // the backend's own JSON error, not the API server's
    }
    return { status: res.status };
  }

  /**
   * All pages of a list. The list as a whole keeps to the timeout and the
   * byte cap too: a server that hands out continue tokens forever cannot hold
   * the caller or fill its memory.
   */
  private async list<T>(path: string, labelSelector?: string): Promise<T[]> {
    const items: T[] = [];
    const { timeoutMs, maxBytes } =
      this.cluster.limits ?? DEFAULT_OUTBOUND_LIMITS;
    const deadline = Date.now() + timeoutMs;
    const read = { bytes: 0 };
    let next: string | undefined;
    do {
      if (read.bytes > maxBytes) {
        throw new ServiceUnavailableError(
          `Kubernetes cluster ${this.cluster.name} at ${
            new URL(this.server).host
          } sent more than ${formatBytes(
            maxBytes,
          )} across the pages of ${path}; the list was abandoned (limit homelab.clusterRequests.maxBytes)`,
        );
      }
      if (next && Date.now() > deadline) {
        throw new ServiceUnavailableError(
          `Kubernetes cluster ${this.cluster.name} at ${
            new URL(this.server).host
          } did not finish listing ${path} within ${timeoutMs / 1000} s (${
            items.length
          } items so far); the list was abandoned (limit homelab.clusterRequests.timeout)`,
        );
      }
      const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
      if (labelSelector) query.set('labelSelector', labelSelector);
      if (next) query.set('continue', next);
      const page = await this.get<KubeList<T>>(`${path}?${query}`, read);
      items.push(...(page.items ?? []));
      next = page.metadata?.continue || undefined;
    } while (next);
    return items;
  }

  /** One GET; `read.bytes` grows by the size of the answer. */
  private async get<T>(path: string, read?: { bytes: number }): Promise<T> {
    const { name } = this.cluster;
    const url = this.server;
    const what = `Kubernetes cluster ${name}`;
    let auth;
    try {
      auth = await this.auth.prepare();
    } catch (error) {
      if (isError(error) && error.name === 'InputError') throw error;
      throw new ServiceUnavailableError(
        `${what}: the credentials for ${url} could not be read (${error})`,
      );
    }
    let res: Response;
    try {
      res = await this.fetch(`${url}${path}`, {
        headers: { Accept: 'application/json', ...auth.headers },
        dispatcher: auth.dispatcher,
      } as RequestInit);
    } catch (error) {
      throw new ServiceUnavailableError(
        error instanceof OutboundLimitError
          ? error.message
          : describeNetworkFailure(what, url, error),
      );
    }
    if (res.ok) {
      refusalReports.accepted(this.server);
      let text: string;
      try {
        text = await res.text();
      } catch (error) {
        throw new ServiceUnavailableError(
          error instanceof OutboundLimitError
            ? error.message
            : describeNetworkFailure(what, url, error),
        );
      }
      if (read) read.bytes += Buffer.byteLength(text);
      try {
        return JSON.parse(text) as T;
      } catch (error) {
        throw new ServiceUnavailableError(
          `${what} answered GET ${path} with a body that is not JSON (${error})`,
        );
      }
    }

    const detail = await statusMessage(res);
    this.options.logger?.debug(`GET ${path}: ${res.status} ${detail}`);
    const where = `kubernetes.clusterLocatorMethods[].clusters[name=${name}]`;
    switch (res.status) {
      case 401: {
        const message = refusedCredentialMessage({
          what: `${what} at ${url}`,
          where,
          access: this.cluster.access,
          sentCredential: Boolean(auth.headers.Authorization),
        });
        // Once per token for the whole process, not per call or per client.
        if (refusalReports.firstRefusal(this.server, auth.credentialId)) {
          this.options.logger?.error(message);
        }
        throw new AuthenticationError(message);
      }
      case 403:
        throw new NotAllowedError(
          `${what} denied GET ${path} to the service account (403 Forbidden: ${detail}); grant it read access with RBAC`,
        );
      case 404:
        throw new NotFoundError(`${what} has no ${path} (404: ${detail})`);
      default:
        throw new ServiceUnavailableError(
          `${what} answered GET ${path} with ${res.status}: ${detail}`,
        );
    }
  }
}

function enc(segment: string) {
  return encodeURIComponent(segment);
}

/** The message of a Kubernetes Status body, else the raw text. */
async function statusMessage(res: Response): Promise<string> {
  const text = await res.text().catch(() => '');
  try {
    const body = JSON.parse(text);
    if (typeof body?.message === 'string') return body.message;
  } catch {
    // not JSON
  }
  return text.slice(0, 200) || res.statusText;
}
