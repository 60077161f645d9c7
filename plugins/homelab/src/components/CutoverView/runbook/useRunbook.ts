import {
  type CompoundEntityRef,
  parseEntityRef,
} from '@backstage/catalog-model';
import { fetchApiRef, useApi } from '@backstage/frontend-plugin-api';
import {
  type TechDocsStorageApi,
  techdocsStorageApiRef,
} from '@backstage/plugin-techdocs-react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { pagePath } from '../../RunbooksCard/runbookLinks';
import { inlineImages } from './inlineImages';
import { prepareRunbookHtml } from './runbookHtml';

export interface RunbookRefView {
  entityRef: string;
  path: string;
}

/** Where the TechDocs reader shows a runbook page: /docs/<namespace>/<kind>/<name>/<page>/ */
export function readerPathOf(runbook: RunbookRefView): string {
  const ref = parseEntityRef(runbook.entityRef, { defaultKind: 'component' });
  // TechDocs stores sites under the lower-cased entity triplet.
  const part = (s: string) => encodeURIComponent(s.toLocaleLowerCase('en-US'));
  return `/docs/${part(ref.namespace)}/${part(ref.kind)}/${part(
    ref.name,
  )}/${pagePath(runbook.path)}`;
}

/**
 * The page's HTML; a site not built yet is built first, as the TechDocs
 * reader does by syncing before it reads.
 */
async function docsPage(
  storage: TechDocsStorageApi,
  ref: CompoundEntityRef,
  page: string,
): Promise<string> {
  try {
    return await storage.getEntityDocs(ref, page);
  } catch (e) {
    if ((e as Error)?.name !== 'NotFoundError') throw e;
    await storage.syncEntityDocs(ref);
    return storage.getEntityDocs(ref, page);
  }
}

/** The runbook page as the TechDocs backend serves it, ready to show inline. */
export function useRunbook(runbook: RunbookRefView) {
  const storage = useApi(techdocsStorageApiRef);
  const { fetch } = useApi(fetchApiRef);
  const { entityRef, path } = runbook;
  return useAsyncRetry(async () => {
    const ref = parseEntityRef(entityRef, { defaultKind: 'component' });
    const lower = {
      kind: ref.kind.toLocaleLowerCase('en-US'),
      namespace: ref.namespace.toLocaleLowerCase('en-US'),
      name: ref.name.toLocaleLowerCase('en-US'),
    };
    const page = pagePath(path);
    const [html, storageUrl] = await Promise.all([
      docsPage(storage, lower, page),
      storage.getStorageUrl(),
    ]);
    const prepared = prepareRunbookHtml(html, {
      origin: window.location.origin,
      readerPath: readerPathOf({ entityRef, path }),
      storageUrl: `${storageUrl}/${lower.namespace}/${lower.kind}/${lower.name}/${page}`,
    });
    return {
      ...prepared,
      html: await inlineImages(prepared.html, url => fetch(url)),
    };
  }, [storage, fetch, entityRef, path]);
}
