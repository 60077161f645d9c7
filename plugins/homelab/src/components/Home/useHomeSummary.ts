import { ResponseError } from '@backstage/errors';
import {
  discoveryApiRef,
  type FetchApi,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { HomeSummary } from '@internal/plugin-homelab-common';
import { usePolled } from '../../hooks/usePolled';

/** The backend recomputes every snapshot interval (15 s by default); polling faster shows nothing new. */
export const HOME_POLL_MS = 15_000;
/** Widgets of one page that ask within this window share one request. */
const SHARE_MS = 2_000;

// Per app (its fetch API), the latest request, so the widgets of a page cost one request per poll.
const latest = new WeakMap<
  FetchApi,
  { at: number; summary: Promise<HomeSummary> }
>();

/** GET /api/homelab/home, polled; every widget reads the shared summary the backend computed. */
export function useHomeSummary() {
  const discoveryApi = useApi(discoveryApiRef);
  const fetchApi = useApi(fetchApiRef);
  return usePolled<HomeSummary>(
    () => {
      const recent = latest.get(fetchApi);
      if (recent && Date.now() - recent.at < SHARE_MS) return recent.summary;
      const summary = (async () => {
        const base = await discoveryApi.getBaseUrl('homelab');
        const res = await fetchApi.fetch(`${base}/home`);
        if (!res.ok) throw await ResponseError.fromResponse(res);
        return (await res.json()) as HomeSummary;
      })();
      latest.set(fetchApi, { at: Date.now(), summary });
      return summary;
    },
    'home',
    HOME_POLL_MS,
  );
}
