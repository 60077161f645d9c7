import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useRef, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useDebounce from 'react-use/esm/useDebounce';
import { homelabApiRef } from '../../api/HomelabApi';
import type {
  ComposeDraftRequest,
  ComposeDraftResponse,
  ComposeServiceSummary,
} from '../../api/types';
import { composeErrorMessage } from './messages';
import { ALL_SERVICES, type PastedEnv } from './pastedEnv';

export interface ComposeDraftState {
  /**
   * The last answer; kept while a newer request is on its way. After a failed draft
   * of one service it still lists the services of the same text, so another can be picked.
   */
  value?: ComposeDraftResponse;
  /** Why the file could not be read, ready to show under the field. */
  error?: string;
  /** Waiting for the user to stop typing, or for the backend. */
  loading: boolean;
}

function draftRequest(
  composeYaml: string,
  service: string | undefined,
  env: PastedEnv,
): ComposeDraftRequest {
  return {
    composeYaml,
    ...(service === ALL_SERVICES ? { all: true } : { service }),
    ...(env.envFile ? { envFile: env.envFile } : {}),
    ...(env.envFiles ? { envFiles: env.envFiles } : {}),
  };
}

/**
 * Lists the services of `composeYaml` and drafts `service` (`*`: previews the whole
 * stack) with the pasted .env and env_file contents, once the input has been still for
 * `delayMs`.
 */
export function useComposeDraft(
  composeYaml: string,
  service: string | undefined,
  env: PastedEnv = {},
  delayMs = 400,
): ComposeDraftState {
  const api = useApi(homelabApiRef);
  const hasText = composeYaml.trim() !== '';
  const wanted = draftRequest(composeYaml, service, env);
  const key = JSON.stringify(wanted);
  const [request, setRequest] = useState<{
    key: string;
    body: ComposeDraftRequest;
  }>();

  useDebounce(
    () => setRequest(hasText ? { key, body: JSON.parse(key) } : undefined),
    delayMs,
    [key, hasText],
  );
  const listed = useRef<{
    composeYaml: string;
    services: ComposeServiceSummary[];
  }>();
  const [state, load] = useAsyncFn(
    async (r: ComposeDraftRequest) => {
      const answer = await api.draftComposeService(r);
      listed.current = {
        composeYaml: r.composeYaml,
        services: answer.services,
      };
      return answer;
    },
    [api],
    { loading: true },
  );
  useEffect(() => {
    if (request) load(request.body);
  }, [load, request]);

  if (!hasText) return { loading: false };
  const current = request?.key === key;
  const stillListed =
    state.error && listed.current?.composeYaml === composeYaml
      ? { services: listed.current.services }
      : undefined;
  return {
    value: state.value ?? stillListed,
    error: state.error && composeErrorMessage(state.error),
    loading: !current || state.loading,
  };
}
