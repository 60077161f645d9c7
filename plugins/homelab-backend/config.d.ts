import { HumanDuration } from '@backstage/types';

export interface Config {
  homelab?: {
    /**
     * The repository checkout the portal runs from, relative to the backend's
     * working directory (packages/backend). Default: the nearest folder above
     * the working directory whose package.json declares workspaces.
     * @visibility backend
     */
    repositoryRoot?: string;
    phases?: {
      /**
       * Folders of markdown phase plans, relative to the repository root (or
       * absolute), read
       * recursively. `index.md` and `README.md` in them are not plans.
       * Default: `['docs/phases']`.
       * @visibility backend
       */
      folders?: string[];
      /**
       * Largest plan file or URL read, in bytes; a larger one is listed as a problem
       * and not read. Default: 1048576 (1 MiB).
       * @visibility backend
       */
      maxBytes?: number;
      /**
       * How long reading one plan may take, e.g. `5s`. Default: 5 seconds.
       * @visibility backend
       */
      readTimeout?: HumanDuration | string;
    };
    snapshot?: {
      /**
       * How often the backend reads the nodes and the pods of every namespace
       * into the shared cluster snapshot the cutover view and the home page
       * read, e.g. `15s`. Viewers never cause reads of their own. Default: 15 seconds.
       * @visibility backend
       */
      interval?: HumanDuration | string;
    };
    cutover?: {
      /**
       * How often the checks of the phase plans whose cutover is in progress
       * (a cutover task done and one open) run, e.g. `15s`. No check runs on a
       * schedule while no cutover is in progress. Default: 15 seconds.
       * @visibility backend
       */
      interval?: HumanDuration | string;
      /**
       * One plan's checks run at most once per window of this length (windows
       * aligned to the clock), however many viewers ask for a check, e.g.
       * `5s`. Default: 5 seconds; never longer than the interval.
       * @visibility backend
       */
      minGap?: HumanDuration | string;
      /**
       * Hosts that cutover `http url=...` checks may call directly, e.g.
       * `karakeep.k8s.home.arpa`; any other host is refused. Default: none
       * (checks go through the cluster API's service proxy).
       * @visibility backend
       */
      allowedHosts?: string[];
      /**
       * How long one direct check may take, e.g. `5s`. Default: 10 seconds.
       * @visibility backend
       */
      timeout?: HumanDuration | string;
      /**
       * Bytes of a direct check's answer read at most (the body is not kept). Default: 8388608.
       * @visibility backend
       */
      maxBytes?: number;
    };
    ollama?: {
      /**
       * How often the one sampler of the deployment reads Ollama and the
       * Ollama pod's metrics, e.g. `15s` or `{ seconds: 15 }`. Default: 15 seconds.
       * @visibility backend
       */
      sampleInterval?: HumanDuration | string;
      /**
       * How long samples are kept, e.g. `7d`. Default: 7 days.
       * @visibility backend
       */
      retention?: HumanDuration | string;
      /**
       * Ollama tag of the text model that must fit in memory together with the
       * vision model. Default: the ai-model entity with the `text` capability.
       * @visibility backend
       */
      textModel?: string;
      /**
       * Ollama tag of the vision model. Default: the ai-model entity with the
       * `vision` capability.
       * @visibility backend
       */
      visionModel?: string;
      /**
       * Reloads (or context-length changes) of one model within an hour above
       * which the status reports churn. Default: 3.
       * @visibility backend
       */
      churnThreshold?: number;
      /** Opt-in throughput probe: the only request the portal ever sends that makes Ollama work. */
      throughputProbe?: {
        /**
         * Send a tiny generate request on a schedule and record tokens/s. Default: false.
         * @visibility backend
         */
        enabled?: boolean;
        /**
         * Model to probe. Default: the text model.
         * @visibility backend
         */
        model?: string;
        /**
         * How often to probe. Default: 10 minutes.
         * @visibility backend
         */
        interval?: HumanDuration | string;
      };
    };
  };
}
