import { useApi } from '@backstage/frontend-plugin-api';
import { useEffect, useRef, useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import useDebounce from 'react-use/esm/useDebounce';
import { homelabApiRef } from '../../api/HomelabApi';
import type {
  ComposeDraftResponse,
  ComposeServiceSummary,
} from '../../api/types';
import { composeErrorMessage } from './messages';

type DraftRequest = { composeYaml: string; service?: string };

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

/** Lists the services of `composeYaml` and drafts `service`, once the input has been still for `delayMs`. */
export function useComposeDraft(
  composeYaml: string,
  service: string | undefined,
  delayMs = 400,
): ComposeDraftState {
  const api = useApi(homelabApiRef);
  const hasText = composeYaml.trim() !== '';
  const [request, setRequest] = useState<DraftRequest>();

  useDebounce(
    () => setRequest(hasText ? { composeYaml, service } : undefined),
    delayMs,
    [composeYaml, service, hasText],
  );
  const listed = useRef<{
    composeYaml: string;
    services: ComposeServiceSummary[];
  }>();
  const [state, load] = useAsyncFn(
    async (r: DraftRequest) => {
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
    if (request) load(request);
  }, [load, request]);

  if (!hasText) return { loading: false };
  const current =
    request?.composeYaml === composeYaml && request?.service === service;
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
