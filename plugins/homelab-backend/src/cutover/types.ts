import type {
  KubeDeployment,
  KubePod,
  KubeStatefulSet,
} from '@internal/plugin-homelab-node';

/** What one check found, as a person reads it. */
export interface CheckResult {
  /** `unknown`: the check could not look (cluster or Ollama unreachable, not allowed). */
  status: 'pass' | 'fail' | 'unknown';
  /** e.g. "2/3 replicas available, pod x CrashLoopBackOff: OOMKilled". */
  evidence: string;
  /** ISO 8601 time of the reading. */
  checkedAt: string;
}

export interface PvcView {
  metadata: { name: string };
  spec?: { storageClassName?: string };
  status?: { phase?: string; capacity?: Record<string, string> };
}

export interface HttpRouteView {
  metadata: { name: string; generation?: number };
  status?: {
    parents?: {
      parentRef: {
        name: string;
        namespace?: string;
        kind?: string;
        sectionName?: string;
      };
      conditions?: {
        type: string;
        status: string;
        reason?: string;
        message?: string;
        observedGeneration?: number;
      }[];
    }[];
  };
}

export interface EndpointSliceView {
  endpoints?:
    | {
        addresses: string[];
        conditions?: { ready?: boolean };
        targetRef?: { kind?: string; name?: string };
      }[]
    | null;
}

export interface ProxyAnswerView {
  status: number;
  apiStatus?: { reason?: string; message: string };
}

/**
 * The read-only cluster reads the checks make. ClusterClient satisfies it;
 * a shared snapshot can too, so viewers never multiply calls.
 */
export interface CutoverClusterReader {
  listPods(namespace: string, labelSelector?: string): Promise<KubePod[]>;
  getDeployment(namespace: string, name: string): Promise<KubeDeployment>;
  getStatefulSet(namespace: string, name: string): Promise<KubeStatefulSet>;
  getPersistentVolumeClaim(namespace: string, name: string): Promise<PvcView>;
  getHttpRoute(namespace: string, name: string): Promise<HttpRouteView>;
  getService(namespace: string, name: string): Promise<unknown>;
  listEndpointSlices(
    namespace: string,
    service: string,
  ): Promise<EndpointSliceView[]>;
  proxyGet(
    namespace: string,
    service: string,
    port: string,
    path: string,
  ): Promise<ProxyAnswerView>;
}

/** Ollama's /api/tags; OllamaClient satisfies it. */
export interface OllamaTagsReader {
  tags(): Promise<{
    models: { name: string; model?: string; size?: number }[];
  }>;
}

/** A GET straight to a URL, status only; see createUrlProber. */
export type UrlProber = (url: string) => Promise<{ status: number }>;

export interface CutoverReaders {
  cluster: CutoverClusterReader;
  ollama: OllamaTagsReader;
  /** Absent: direct URL checks are not configured and answer unknown. */
  probeUrl?: UrlProber;
  now?: () => Date;
}
