import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ComposeDraftResponse,
  OllamaHistory,
  OllamaStatus,
  PhasePlanDetail,
  PhasePlanList,
} from './types';

/** The homelab backend's API as the cards and pages use it. */
export interface HomelabApi {
  listPlans(): Promise<PhasePlanList>;
  getPlan(id: string): Promise<PhasePlanDetail>;
  getOllamaStatus(): Promise<OllamaStatus>;
  /** `window` is a number and a unit (m, h or d) between 5m and 7d, e.g. "1h". */
  getOllamaHistory(window: string): Promise<OllamaHistory>;
  /**
   * Lists the services of a pasted compose file and, when `service` names one of
   * them, drafts its service spec. Invalid input rejects with the backend's 400.
   */
  draftComposeService(request: {
    composeYaml: string;
    service?: string;
  }): Promise<ComposeDraftResponse>;
}

export const homelabApiRef = createApiRef<HomelabApi>().with({
  id: 'plugin.homelab.service',
  pluginId: 'homelab',
});
