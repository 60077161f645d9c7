import { ServiceSpec } from '../spec/serviceSpec';
import {
  claimName,
  metadata,
  secretName,
  selectorLabels,
  commonLabels,
} from './labels';
import { KeyComment, YamlDoc } from './yamlFile';

const SCRATCH_VOLUME = 'tmp';

export function renderDeployment(spec: ServiceSpec): YamlDoc {
  const restricted = spec.namespace.podSecurity === 'restricted';
  const usesRwo = spec.storage.some(s =>
    s.accessMode.startsWith('ReadWriteOnce'),
  );
  const comments: KeyComment[] = [
    {
      path: ['spec', 'template', 'spec', 'automountServiceAccountToken'],
      text: 'The service does not talk to the Kubernetes API, so it gets no token.',
    },
    {
      path: ['spec', 'template', 'spec', 'enableServiceLinks'],
      text: 'Service links would inject one env var per Service in the namespace.',
    },
  ];
  if (usesRwo) {
    comments.push({
      path: ['spec', 'strategy'],
      text: 'Recreate: a ReadWriteOnce volume attaches to one node at a time, so a rolling\nupdate would leave the new pod waiting for the old one to let go of it.',
    });
  }
  if (!restricted) {
    comments.push({
      path: ['spec', 'template', 'spec', 'securityContext'],
      text: `Pod Security level "${spec.namespace.podSecurity}": the image may need root, so no\nrunAsNonRoot or dropped capabilities; privilege escalation stays off.`,
    });
  }
  if (spec.readOnlyRootFilesystem) {
    comments.push({
      path: ['spec', 'template', 'spec', 'volumes'],
      text: 'The root filesystem is read-only; /tmp is a writable emptyDir.',
    });
  }

  const podSecurityContext: Record<string, unknown> = {};
  if (restricted) podSecurityContext.runAsNonRoot = true;
  if (spec.runAsUser !== undefined) {
    podSecurityContext.runAsUser = spec.runAsUser;
    podSecurityContext.runAsGroup = spec.runAsUser;
    podSecurityContext.fsGroup = spec.runAsUser;
  }
  podSecurityContext.seccompProfile = { type: 'RuntimeDefault' };

  const containerSecurityContext: Record<string, unknown> = {
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: spec.readOnlyRootFilesystem,
  };
  if (restricted) {
    containerSecurityContext.runAsNonRoot = true;
    containerSecurityContext.capabilities = { drop: ['ALL'] };
  }

  const volumeMounts = [
    ...(spec.readOnlyRootFilesystem
      ? [{ name: SCRATCH_VOLUME, mountPath: '/tmp' }]
      : []),
    ...spec.storage.map(s => ({ name: s.name, mountPath: s.mountPath })),
  ];
  const volumes = [
    ...(spec.readOnlyRootFilesystem
      ? [{ name: SCRATCH_VOLUME, emptyDir: {} }]
      : []),
    ...spec.storage.map(s => ({
      name: s.name,
      persistentVolumeClaim: { claimName: claimName(spec, s.name) },
    })),
  ];

  const container: Record<string, unknown> = {
    name: spec.name,
    image: spec.image,
  };
  if (spec.ports.length > 0)
    container.ports = spec.ports.map(p => ({
      name: p.name,
      containerPort: p.port,
      protocol: p.protocol,
    }));
  const env = renderEnv(spec);
  if (env.length > 0) container.env = env;
  container.resources = {
    requests: { ...spec.resources.requests },
    limits: { ...spec.resources.limits },
  };
  Object.assign(container, renderProbes(spec));
  container.securityContext = containerSecurityContext;
  if (volumeMounts.length > 0) container.volumeMounts = volumeMounts;

  const podSpec: Record<string, unknown> = {
    automountServiceAccountToken: false,
    enableServiceLinks: false,
    securityContext: podSecurityContext,
    containers: [container],
  };
  if (volumes.length > 0) podSpec.volumes = volumes;

  return {
    value: {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: metadata(spec),
      spec: {
        replicas: spec.replicas,
        revisionHistoryLimit: 3,
        strategy: { type: usesRwo ? 'Recreate' : 'RollingUpdate' },
        selector: { matchLabels: selectorLabels(spec) },
        template: { metadata: { labels: commonLabels(spec) }, spec: podSpec },
      },
    },
    comments,
  };
}

function renderEnv(spec: ServiceSpec) {
  const env: Array<Record<string, unknown>> = Object.entries(spec.env).map(
    ([name, value]) => ({ name, value }),
  );
  if (spec.ollama) {
    env.push({ name: 'OLLAMA_BASE_URL', value: spec.ollama.baseUrl });
    if (spec.ollama.textModel) {
      env.push({ name: 'INFERENCE_TEXT_MODEL', value: spec.ollama.textModel });
    }
    if (spec.ollama.visionModel) {
      env.push({
        name: 'INFERENCE_IMAGE_MODEL',
        value: spec.ollama.visionModel,
      });
    }
  }
  for (const key of spec.secretEnv) {
    env.push({
      name: key,
      valueFrom: { secretKeyRef: { name: secretName(spec), key } },
    });
  }
  return env;
}

function renderProbes(spec: ServiceSpec) {
  const probe = spec.probes ?? { type: 'tcp' as const };
  const tcpPorts = spec.ports.filter(p => p.protocol === 'TCP');
  // nothing to probe on a worker without ports: the kubelet restarts it when it exits
  if (tcpPorts.length === 0) return {};
  const port =
    tcpPorts.find(p => p.port === probe.port || p.name === probe.port) ??
    tcpPorts[0];
  const action =
    probe.type === 'http'
      ? { httpGet: { path: probe.path ?? '/', port: port.name } }
      : { tcpSocket: { port: port.name } };
  return {
    readinessProbe: { ...action, periodSeconds: 10, failureThreshold: 3 },
    livenessProbe: {
      ...action,
      initialDelaySeconds: 30,
      periodSeconds: 20,
      failureThreshold: 6,
    },
  };
}
