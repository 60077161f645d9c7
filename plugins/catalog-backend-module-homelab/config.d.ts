import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  homelab?: {
    catalog?: {
      /**
       * Lets signed-in users register `file` locations through the catalog API, as the
       * scaffolder's local publisher does. Off unless set; the development config turns it on.
       * @visibility backend
       */
      allowFileLocations?: boolean;
    };
    /**
     * Discovery of nodes, namespaces and models by the homelab catalog module. It needs
     * homelab.cluster (cluster, nodes, namespaces) and homelab.ollama.baseUrl (models);
     * without one, that part is off with one warning at start. Discovered clusters, nodes
     * and namespaces live in the catalog namespaces kubernetes-cluster, kubernetes-node and
     * kubernetes-namespace; a declared Resource of the same spec.type and Kubernetes name
     * (its homelab.dev/kubernetes-name annotation, else its name) replaces the discovered one.
     * A component's backstage.io/kubernetes-namespace relates it to that declared Resource,
     * else to the discovered namespace (without homelab.cluster: to the Resource named like it).
     */
    discovery?: {
      /**
       * How often to discover; defaults to every 60 seconds with a 50 second timeout.
       * @visibility backend
       */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /**
       * Owner of discovered entities; defaults to group:default/homelab-admins.
       * @visibility backend
       */
      owner?: string;
      /**
       * System of discovered entities; defaults to homelab.
       * @visibility backend
       */
      system?: string;
      /**
       * Ref of the Component serving the discovered models; defaults to component:default/ollama.
       * @visibility backend
       */
      modelServer?: string;
    };
  };
}
