import { hexFor, ts } from './ids';
import type { KubeObject } from './types';

interface EventInput {
  pod: KubeObject;
  type: 'Normal' | 'Warning';
  reason: string;
  message: string;
  count?: number;
  component?: string;
  container?: string;
}

export function podEvent(e: EventInput): KubeObject {
  const { pod } = e;
  const node = pod.spec?.nodeName;
  const component = e.component ?? 'kubelet';
  const first = Date.parse(
    pod.metadata.creationTimestamp ?? new Date().toISOString(),
  );
  return {
    apiVersion: 'v1',
    kind: 'Event',
    metadata: {
      name: `${pod.metadata.name}.${hexFor(
        `event/${pod.metadata.name}/${e.reason}/${e.message}`,
        16,
      )}`,
      namespace: pod.metadata.namespace,
      creationTimestamp: ts(first),
    },
    involvedObject: {
      apiVersion: 'v1',
      kind: 'Pod',
      name: pod.metadata.name,
      namespace: pod.metadata.namespace,
      uid: pod.metadata.uid,
      ...(e.container ? { fieldPath: `spec.containers{${e.container}}` } : {}),
    },
    reason: e.reason,
    message: e.message,
    source: {
      component,
      ...(component === 'kubelet' && node ? { host: node } : {}),
    },
    firstTimestamp: ts(first),
    lastTimestamp: ts(Date.now() - 30_000),
    count: e.count ?? 1,
    type: e.type,
    eventTime: null,
    reportingComponent: component,
    reportingInstance: component === 'kubelet' ? node ?? '' : '',
  };
}

/** The events a failing pod leaves behind, as `kubectl describe pod` lists them. */
export function failureEvents(pod: KubeObject, kind: string): KubeObject[] {
  const c = pod.spec?.containers?.[0];
  const name = c?.name;
  const image = c?.image;
  switch (kind) {
    case 'crashLoop':
      return [
        podEvent({
          pod,
          type: 'Normal',
          reason: 'Pulled',
          message: `Container image "${image}" already present on machine`,
          count: 8,
          container: name,
        }),
        podEvent({
          pod,
          type: 'Normal',
          reason: 'Started',
          message: `Started container ${name}`,
          count: 8,
          container: name,
        }),
        podEvent({
          pod,
          type: 'Warning',
          reason: 'BackOff',
          message: `Back-off restarting failed container ${name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`,
          count: 31,
          container: name,
        }),
      ];
    case 'pendingMemory':
      return [
        podEvent({
          pod,
          type: 'Warning',
          reason: 'FailedScheduling',
          message: pod.status.conditions[0].message,
          count: 12,
          component: 'default-scheduler',
        }),
      ];
    case 'imagePull':
      return [
        podEvent({
          pod,
          type: 'Warning',
          reason: 'Failed',
          message: `Failed to pull image "${image}": rpc error: code = NotFound desc = failed to pull and unpack image "${image}": not found`,
          count: 5,
          container: name,
        }),
        podEvent({
          pod,
          type: 'Warning',
          reason: 'Failed',
          message: 'Error: ErrImagePull',
          count: 5,
          container: name,
        }),
        podEvent({
          pod,
          type: 'Normal',
          reason: 'BackOff',
          message: `Back-off pulling image "${image}"`,
          count: 40,
          container: name,
        }),
        podEvent({
          pod,
          type: 'Warning',
          reason: 'Failed',
          message: 'Error: ImagePullBackOff',
          count: 40,
          container: name,
        }),
      ];
    default:
      return [];
  }
}
