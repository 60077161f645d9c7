import type { ServerResponse } from 'node:http';
import type { KubeObject } from '../cluster/types';
import type { StepSpec } from '../scenario/types';
import { sendJson, sendText } from '../http';
import { status } from './status';

export interface ProxyState {
  objects(): KubeObject[];
  step(): StepSpec | undefined;
}

/** `[scheme:]name[:port]`, as the API server reads the service segment. */
function parseServiceSegment(segment: string) {
  const parts = decodeURIComponent(segment).split(':');
  if (parts.length === 3) return { name: parts[1], port: parts[2] };
  return { name: parts[0], port: parts[1] ?? '' };
}

/**
 * GET /api/v1/namespaces/{ns}/services/{name}[:{port}]/proxy/{path} as the
 * API server answers it: 404 for an unknown Service, 503 "no endpoints
 * available for service" while no endpoint is ready, else the backend's
 * answer with its status passed through (the scenario step's httpStatus,
 * default 200).
 */
export function serveServiceProxy(
  state: ProxyState,
  res: ServerResponse,
  namespace: string,
  segment: string,
  path: string,
) {
  const { name, port } = parseServiceSegment(segment);
  const objects = state.objects();
  const svc = objects.find(
    o =>
      o.kind === 'Service' &&
      o.metadata.namespace === namespace &&
      o.metadata.name === name,
  );
  if (!svc) {
    return sendJson(
      res,
      404,
      status(404, 'NotFound', `services "${name}" not found`, {
        name,
        kind: 'services',
      }),
    );
  }
  const ports: any[] = svc.spec?.ports ?? [];
  // Without a port the API server takes the Service's only one.
  const onlyPort = ports.length === 1 ? ports[0] : undefined;
  const servicePort = port
    ? ports.find(p => p.name === port || String(p.port) === port)
    : onlyPort;
  const slices = objects.filter(
    o =>
      o.kind === 'EndpointSlice' &&
      o.metadata.namespace === namespace &&
      o.metadata.labels?.['kubernetes.io/service-name'] === name,
  );
  const ready = slices
    .flatMap(s => s.endpoints ?? [])
    .filter((e: any) => e.conditions?.ready);
  if (!servicePort || ready.length === 0) {
    return sendJson(
      res,
      503,
      status(
        503,
        'ServiceUnavailable',
        `no endpoints available for service "${name}"`,
      ),
    );
  }
  const code = state.step()?.httpStatus?.[`${namespace}/${name}`] ?? 200;
  return sendText(
    res,
    code,
    code < 400 ? `ok ${path}\n` : `backend answered ${code}\n`,
  );
}
