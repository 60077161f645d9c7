import { createApiRef } from '@backstage/frontend-plugin-api';
import type {
  ComposeDraftRequest,
  ComposeDraftResponse,
  CutoverDetail,
  CutoverList,
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
   * them, drafts its service spec (with `all`, previews the whole stack). Invalid
   * input rejects with the backend's 400.
   */
  draftComposeService(
    request: ComposeDraftRequest,
  ): Promise<ComposeDraftResponse>;
  /** Every plan with a cutover section the signed-in user may see. */
  listCutovers(): Promise<CutoverList>;
  /** One plan's cutover: items with their checks, pods, the pinned runbook. */
  getCutover(planId: string): Promise<CutoverDetail>;
  /** Asks the backend to run the plan's checks now; viewers asking at once share one run. */
  checkCutover(planId: string): Promise<void>;
}

export const homelabApiRef = createApiRef<HomelabApi>().with({
  id: 'plugin.homelab.service',
  pluginId: 'homelab',
});
