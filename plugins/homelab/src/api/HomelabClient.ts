import type { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { ResponseError } from '@backstage/errors';
import type { HomelabApi } from './HomelabApi';
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

/** Calls /api/homelab with the signed-in user's credentials (fetchApi adds them). */
export class HomelabClient implements HomelabApi {
  constructor(
    private readonly options: {
      discoveryApi: DiscoveryApi;
      fetchApi: FetchApi;
    },
  ) {}

  listPlans(): Promise<PhasePlanList> {
    return this.get('/phases');
  }

  getPlan(id: string): Promise<PhasePlanDetail> {
    return this.get(`/phases/${encodeURIComponent(id)}`);
  }

  getOllamaStatus(): Promise<OllamaStatus> {
    return this.get('/ollama/status');
  }

  getOllamaHistory(window: string): Promise<OllamaHistory> {
    return this.get(`/ollama/history?window=${encodeURIComponent(window)}`);
  }

  draftComposeService(
    request: ComposeDraftRequest,
  ): Promise<ComposeDraftResponse> {
    return this.request('/compose/draft', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(request),
    });
  }

  listCutovers(): Promise<CutoverList> {
    return this.get('/cutover');
  }

  getCutover(planId: string): Promise<CutoverDetail> {
    return this.get(`/cutover/${encodeURIComponent(planId)}`);
  }

  async checkCutover(planId: string): Promise<void> {
    await this.send(`/cutover/${encodeURIComponent(planId)}/check`, {
      method: 'POST',
    });
  }

  private get<T>(path: string): Promise<T> {
    return this.request(path);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const response = await this.send(path, init);
    return (await response.json()) as T;
  }

  private async send(path: string, init?: RequestInit): Promise<Response> {
    const base = await this.options.discoveryApi.getBaseUrl('homelab');
    const url = `${base}${path}`;
    const response = await (init
      ? this.options.fetchApi.fetch(url, init)
      : this.options.fetchApi.fetch(url));
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
