import { ResponseError } from '@backstage/errors';
import {
  discoveryApiRef,
  fetchApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import type { HomeSummary } from '@internal/plugin-homelab-common';
import { usePolled } from '../../hooks/usePolled';

/** The backend recomputes every snapshot interval (15 s by default); polling faster shows nothing new. */
export const HOME_POLL_MS = 15_000;

/** GET /api/homelab/home, polled; every widget reads the shared summary the backend computed. */
export function useHomeSummary() {
  const discoveryApi = useApi(discoveryApiRef);
  const { fetch } = useApi(fetchApiRef);
  return usePolled<HomeSummary>(
    async () => {
      const base = await discoveryApi.getBaseUrl('homelab');
      const res = await fetch(`${base}/home`);
      if (!res.ok) throw await ResponseError.fromResponse(res);
      return res.json();
    },
    'home',
    HOME_POLL_MS,
  );
}
