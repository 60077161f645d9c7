import type { PortalAccount } from '../../lint/portalProxy/types';
import type { RenderedFile } from '../../render/renderManifests';
import type { PodSecurityLevel } from '../../spec/serviceSpec';
import type { ComposeImport, UnmappedKey } from '../importComposeService';
import type { ComposeSources } from '../normalize';

/** How a compose service runs on the cluster. */
export type StackRole =
  /** a Deployment of its own (with a Service when it has ports) */
  | 'deployment'
  /** a one-shot service nobody waits for: a Job */
  | 'job'
  /** a one-shot service others wait for (service_completed_successfully): init containers of those */
  | 'init'
  /** network_mode "service:<x>": a container in x's pod */
  | 'sidecar';

export interface StackService {
  /** The compose service name. */
  service: string;
  /** The Kubernetes name (a DNS label). */
  name: string;
  role: StackRole;
  /** For init: the dependants whose pods run it; for sidecar: the pod it joins. */
  runsIn?: string[];
  podSecurity: PodSecurityLevel;
  /** Set when the service was drafted (also when it still needs a decision). */
  draft?: ComposeImport;
  /** What a person has to decide before this service renders; the rest of the stack is drafted. */
  decision?: { reason: string; fix: string };
  unmapped: UnmappedKey[];
  warnings: string[];
}

export interface StackImportOptions {
  /** Default: the compose project `name:`, else `folderName`. */
  namespace?: string;
  /** The compose file's folder name, the project name compose would use. */
  folderName?: string;
  owner?: string;
  storageSize?: string;
  sources?: ComposeSources;
  profiles?: string[] | '*';
  /** The portal's ServiceAccount, bound by the services/proxy Roles of HTTP checks. */
  portalAccount?: PortalAccount;
}

export interface StackImport {
  namespace: string;
  /** The namespace's Pod Security level: the highest any drafted service needs. */
  podSecurity: PodSecurityLevel;
  services: StackService[];
  /** Services left out because their profiles are not active. */
  inactive: Record<string, string[]>;
  /** Manifests (`<namespace>/...`), the phase plan, the runbooks and the report. */
  files: RenderedFile[];
  /** Check notes that concern the whole file (.env problems, unset variables). */
  warnings: string[];
}
