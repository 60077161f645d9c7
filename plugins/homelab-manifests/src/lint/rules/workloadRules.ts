import { isLoopbackUrl } from '../../spec/serviceSpec';
import { hasSubstitution, imageProblem } from '../../util/values';
import { parseImageReference } from '../../util/imageReference';
import {
  at,
  containersOf,
  isRecord,
  LONG_RUNNING,
  podTemplateOf,
} from '../workloads';
import type { Rule } from '../types';

export const containerResourcesRule: Rule = ctx => {
  for (const object of ctx.objects) {
    const pod = podTemplateOf(object);
    if (!pod) continue;
    for (const { container, path, type } of containersOf(pod)) {
      if (type === 'ephemeralContainers') continue;
      const missing = [
        ['requests', 'cpu'],
        ['requests', 'memory'],
        ['limits', 'memory'],
      ].filter(
        ([group, key]) =>
          at(container, ['resources', group, key]) === undefined,
      );
      if (missing.length > 0) {
        ctx.report(
          object,
          'container-resources',
          container.resources ? [...path, 'resources'] : path,
          `container ${container.name} has no ${missing
            .map(m => m.join('.'))
            .join(', ')}`,
          'Set resources.requests.cpu, requests.memory and limits.memory so the scheduler can place the pod and a leak cannot starve the node.',
        );
      }
    }
  }
};

export const podProbesRule: Rule = ctx => {
  for (const object of ctx.objects) {
    if (!LONG_RUNNING.has(object.kind)) continue;
    const pod = podTemplateOf(object);
    if (!pod) continue;
    for (const { container, path, type } of containersOf(pod)) {
      if (type !== 'containers') continue;
      const missing = ['readinessProbe', 'livenessProbe'].filter(
        p => container[p] === undefined,
      );
      if (missing.length > 0) {
        ctx.report(
          object,
          'pod-probes',
          path,
          `container ${container.name} has no ${missing.join(' or ')}`,
          'Add an httpGet or tcpSocket probe so traffic waits for readiness and hung processes restart.',
        );
      }
    }
  }
};

export const containerImageTagRule: Rule = ctx => {
  for (const object of ctx.objects) {
    const pod = podTemplateOf(object);
    if (!pod) continue;
    for (const { container, path } of containersOf(pod)) {
      const image = container.image;
      if (typeof image !== 'string' || hasSubstitution(image)) continue;
      const parsed = parseImageReference(image);
      if (!parsed.ok) {
        ctx.report(
          object,
          'container-image-tag',
          [...path, 'image'],
          parsed.problem,
          'The kubelet refuses this image (InvalidImageName) and the pod never starts; write it as registry/path:tag or registry/path@sha256:<digest>.',
        );
        continue;
      }
      const problem = imageProblem(image);
      if (problem) {
        ctx.report(
          object,
          'container-image-tag',
          [...path, 'image'],
          problem,
          'Pin a version tag (e.g. :1.2.3) or a @sha256 digest so restarts do not change what runs.',
        );
      }
    }
  }
};

export const deploymentRwoRecreateRule: Rule = ctx => {
  const rwoClaims = new Set<string>();
  for (const object of ctx.objects) {
    if (object.kind !== 'PersistentVolumeClaim' || object.isPatch) continue;
    const modes = at(object.value, ['spec', 'accessModes']);
    if (
      Array.isArray(modes) &&
      modes.some(m => m === 'ReadWriteOnce' || m === 'ReadWriteOncePod')
    ) {
      rwoClaims.add(`${object.namespace}/${object.name}`);
    }
  }
  for (const object of ctx.objects) {
    if (object.kind !== 'Deployment') continue;
    const pod = podTemplateOf(object);
    if (!pod || !Array.isArray(pod.spec.volumes)) continue;
    const claim = pod.spec.volumes
      .map((v: any) => v?.persistentVolumeClaim?.claimName)
      .find((name: unknown) => rwoClaims.has(`${object.namespace}/${name}`));
    const strategy =
      at(object.value, ['spec', 'strategy', 'type']) ?? 'RollingUpdate';
    if (claim && strategy === 'RollingUpdate') {
      ctx.report(
        object,
        'deployment-rwo-recreate',
        at(object.value, ['spec', 'strategy'])
          ? ['spec', 'strategy', 'type']
          : ['spec'],
        `Deployment ${object.name} rolls updates but mounts ReadWriteOnce claim ${claim}; the new pod cannot attach it while the old one runs`,
        'Set spec.strategy.type: Recreate.',
      );
    }
  }
};

export const ollamaRules: Rule = ctx => {
  for (const object of ctx.objects) {
    const pod = podTemplateOf(object);
    if (!pod) continue;
    for (const { container, path } of containersOf(pod)) {
      if (!Array.isArray(container.env)) continue;
      const index = (name: string) =>
        container.env.findIndex((e: any) => isRecord(e) && e.name === name);
      const ollama = index('OLLAMA_BASE_URL');
      if (ollama < 0) continue;
      const openai = index('OPENAI_API_KEY');
      if (openai >= 0) {
        ctx.report(
          object,
          'ollama-openai-precedence',
          [...path, 'env', openai, 'name'],
          `container ${container.name} sets both OPENAI_API_KEY and OLLAMA_BASE_URL; the OpenAI key wins and Ollama is never used`,
          'Remove OPENAI_API_KEY from this container.',
        );
      }
      const value = container.env[ollama].value;
      if (typeof value === 'string' && isLoopbackUrl(value)) {
        ctx.report(
          object,
          'ollama-localhost',
          [...path, 'env', ollama, 'value'],
          `OLLAMA_BASE_URL ${value} points at the pod itself, where no Ollama runs`,
          'Use the Ollama Service address, e.g. http://ollama.ai.svc.cluster.local:11434.',
        );
      }
    }
  }
};
