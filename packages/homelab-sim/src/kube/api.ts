import type { IncomingMessage, ServerResponse } from 'node:http';
import type { KubeObject } from '../cluster/types';
import { sendJson, sendText } from '../http';
import {
  apiGroup,
  apiGroupList,
  apiResourceList,
  apiVersions,
  versionInfo,
} from './discovery';
import { MetricsSource, nodeMetrics, podMetrics } from './metrics';
import { ProxyState, serveServiceProxy } from './proxy';
import { findResource, groupVersion, ResourceType } from './resources';
import { BadRequest, fieldMatcher, labelMatcher } from './selectors';
import { status, UNAUTHORIZED } from './status';
import { IncludeObject, toTable, wantsTable } from './table';

export interface KubeState extends MetricsSource, ProxyState {
  /** Whether the bearer token may read (the current one, or the previous one within its grace). */
  acceptsToken(token: string): boolean;
  resourceVersion(): string;
}

interface Target {
  type: ResourceType;
  namespace?: string;
  name?: string;
  subresource?: string;
}

/** Splits `/api/v1/...` or `/apis/<g>/<v>/...` into resource, namespace and name. */
function parseResourcePath(segments: string[]): Target | undefined {
  let group = '';
  let rest: string[];
  let version: string;
  if (segments[0] === 'api') [version, ...rest] = segments.slice(1);
  else [group, version, ...rest] = segments.slice(1);
  let namespace: string | undefined;
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource] = rest;
  const type = findResource(group, version, plural);
  if (!type || rest.length > 3) return undefined;
  if (namespace && !type.namespaced) return undefined;
  return { type, namespace, name, subresource };
}

function withTypeMeta(type: ResourceType, o: KubeObject): KubeObject {
  return { ...o, kind: type.kind, apiVersion: groupVersion(type) };
}

function objectsOf(state: KubeState, type: ResourceType): KubeObject[] {
  if (type.metrics)
    return type.kind === 'PodMetrics' ? podMetrics(state) : nodeMetrics(state);
  return state.objects().filter(o => o.kind === type.kind);
}

function notFound(type: ResourceType, name: string) {
  return status(
    404,
    'NotFound',
    `${type.plural}${type.group ? `.${type.group}` : ''} "${name}" not found`,
    { name, group: type.group || undefined, kind: type.plural },
  );
}

function paginate(items: KubeObject[], url: URL) {
  const limit = Number(url.searchParams.get('limit') ?? 0);
  const start = Number(
    Buffer.from(url.searchParams.get('continue') ?? '', 'base64').toString() ||
      0,
  );
  if (!limit || limit < 0) return { items: items.slice(start), meta: {} };
  const page = items.slice(start, start + limit);
  const remaining = items.length - start - page.length;
  return {
    items: page,
    meta:
      remaining > 0
        ? {
            continue: Buffer.from(String(start + limit)).toString('base64'),
            remainingItemCount: remaining,
          }
        : {},
  };
}

/** A read-only Kubernetes API server over the simulated state. */
export function kubeHandler(state: KubeState) {
  function serve(req: IncomingMessage, res: ServerResponse, url: URL) {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const segments = path.split('/').filter(Boolean);
    if (['/healthz', '/livez', '/readyz'].includes(path))
      return sendText(res, 200, 'ok');
    if (path === '/version')
      return sendJson(
        res,
        200,
        versionInfo(state.scenario().kubernetesVersion),
      );
    if (path === '/api') return sendJson(res, 200, apiVersions());
    if (path === '/apis') return sendJson(res, 200, apiGroupList());
    if (path === '/api/v1')
      return sendJson(res, 200, apiResourceList('', 'v1'));
    if (segments[0] === 'apis' && segments.length === 2) {
      const group = apiGroup(segments[1]);
      return group
        ? sendJson(res, 200, group)
        : sendJson(
            res,
            404,
            status(
              404,
              'NotFound',
              'the server could not find the requested resource',
            ),
          );
    }
    if (segments[0] === 'apis' && segments.length === 3) {
      const list = apiResourceList(segments[1], segments[2]);
      if (list) return sendJson(res, 200, list);
    }
    if (
      segments.length >= 7 &&
      segments.slice(0, 3).join('/') === 'api/v1/namespaces' &&
      segments[4] === 'services' &&
      segments[6] === 'proxy'
    ) {
      const rest = url.pathname.split('/').slice(8).join('/');
      return serveServiceProxy(state, res, segments[3], segments[5], `/${rest}${url.search}`);
    }
    const target =
      (segments[0] === 'api' || segments[0] === 'apis') && segments.length >= 3
        ? parseResourcePath(segments)
        : undefined;
    if (!target || target.subresource) {
      return sendJson(
        res,
        404,
        status(
          404,
          'NotFound',
          'the server could not find the requested resource',
        ),
      );
    }
    const { type } = target;
    if (type.kind === 'Secret') {
      const verb = target.name ? 'get' : 'list';
      const where = target.namespace
        ? ` in the namespace "${target.namespace}"`
        : ' at the cluster scope';
      return sendJson(
        res,
        403,
        status(
          403,
          'Forbidden',
          `secrets is forbidden: User "system:serviceaccount:homelab-sim:reader" cannot ${verb} resource "secrets" in API group ""${where}`,
          { kind: 'secrets' },
        ),
      );
    }
    if (['1', 'true'].includes(url.searchParams.get('watch') ?? '')) {
      return sendJson(
        res,
        405,
        status(
          405,
          'MethodNotAllowed',
          'homelab-sim does not support watch; list again instead',
        ),
      );
    }
    const table = wantsTable(req.headers.accept);
    const include = (url.searchParams.get('includeObject') ??
      'Metadata') as IncludeObject;
    const rv = state.resourceVersion();
    let items = objectsOf(state, type).filter(
      o => !target.namespace || o.metadata.namespace === target.namespace,
    );
    if (target.name) {
      const found = items.find(o => o.metadata.name === target.name);
      if (!found) return sendJson(res, 404, notFound(type, target.name));
      const obj = withTypeMeta(type, found);
      return sendJson(
        res,
        200,
        table ? toTable(type.kind, [obj], include, rv) : obj,
      );
    }
    items = items
      .filter(labelMatcher(url.searchParams.get('labelSelector')))
      .filter(fieldMatcher(url.searchParams.get('fieldSelector'), type.kind))
      .sort((a, b) =>
        `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace ?? ''}/${b.metadata.name}`,
        ),
      )
      .map(o => withTypeMeta(type, o));
    const page = paginate(items, url);
    if (table) {
      const t = toTable(type.kind, page.items, include, rv);
      return sendJson(res, 200, {
        ...t,
        metadata: { ...t.metadata, ...page.meta },
      });
    }
    return sendJson(res, 200, {
      kind: `${type.kind}List`,
      apiVersion: groupVersion(type),
      metadata: { resourceVersion: rv, ...page.meta },
      items: page.items,
    });
  }

  return (req: IncomingMessage, res: ServerResponse) => {
    const auth = req.headers.authorization ?? '';
    if (!auth.startsWith('Bearer ') || !state.acceptsToken(auth.slice(7)))
      return sendJson(res, 401, UNAUTHORIZED);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return sendJson(
        res,
        405,
        status(
          405,
          'MethodNotAllowed',
          `homelab-sim is read-only: ${req.method} is not supported`,
        ),
      );
    }
    const url = new URL(req.url ?? '/', 'https://localhost');
    try {
      return serve(req, res, url);
    } catch (e) {
      if (e instanceof BadRequest)
        return sendJson(res, 400, status(400, 'BadRequest', e.message));
      return sendJson(
        res,
        500,
        status(
          500,
          'InternalError',
          `an error on the server ("${
            (e as Error).message
          }") has prevented the request from succeeding`,
        ),
      );
    }
  };
}
