import { parseServiceSpec } from '../../spec/parseServiceSpec';
import type { ServiceSpec, ServiceSpecInput } from '../../spec/serviceSpec';
import {
  renderManifests,
  type RenderedFile,
} from '../../render/renderManifests';
import type { PortalAccount } from '../../lint/portalProxy/types';
import type { NormalizeResult } from '../normalize';
import { addFileMounts, mountComposeFiles } from './fileMounts';
import { deploymentToJob, mergeIntoPod } from './podMerge';
import { rewriteResources } from './stackFiles';
import type { StackImportOptions, StackService } from './types';

export function renderStack(
  services: StackService[],
  specs: Map<string, ServiceSpecInput>,
  byService: Map<string, StackService>,
  portalAccount?: PortalAccount,
): RenderedFile[] {
  const rendered = new Map<string, RenderedFile[]>();
  for (const s of services) {
    const input = specs.get(s.service);
    if (!input || s.decision) continue;
    // Only a Deployment keeps its own Service to check through the proxy.
    if (s.role !== 'deployment') delete input.portalProbe;
    const parsed = parseServiceSpec(input);
    if (!parsed.success) {
      s.decision = {
        reason: parsed.problems.map(p => `${p.path}: ${p.message}`).join('; '),
        fix: 'fix the listed fields in the draft, then render it',
      };
      continue;
    }
    rendered.set(
      s.service,
      renderManifests(parsed.spec as ServiceSpec, { portalAccount }),
    );
  }
  const find = (files: RenderedFile[], file: string) =>
    files.findIndex(f => f.path.endsWith(`/${file}`));
  for (const s of services) {
    const files = rendered.get(s.service);
    if (!files) continue;
    if (s.role === 'job') {
      const i = find(files, 'deployment.yaml');
      files[i] = deploymentToJob(files[i]);
      rewriteResources(files, names =>
        names.map(n => (n === 'deployment.yaml' ? 'job.yaml' : n)),
      );
      continue;
    }
    if (s.role !== 'sidecar' && s.role !== 'init') continue;
    const donor = files[find(files, 'deployment.yaml')];
    for (const hostName of s.runsIn ?? []) {
      const hostFiles = rendered.get(hostName);
      if (!hostFiles || byService.get(hostName)?.decision) continue;
      const i = find(hostFiles, 'deployment.yaml');
      hostFiles[i] = mergeIntoPod(
        hostFiles[i],
        donor,
        s.name,
        s.role === 'sidecar' ? 'containers' : 'initContainers',
      );
    }
    // the guest keeps its claims and Secret; its pod objects now live in the host's folder
    const kept = files.filter(
      f =>
        /\/(pvc|secret)\.yaml$/.test(f.path) ||
        f.path.endsWith('/kustomization.yaml'),
    );
    files.splice(0, files.length, ...kept);
    rewriteResources(files, names => names.filter(n => n === 'pvc.yaml'));
  }
  return services.flatMap(s => rendered.get(s.service) ?? []);
}

/** Compose secrets and configs of Deployments and Jobs: a Secret placeholder and a ConfigMap, mounted. */
export function mountFiles(
  project: NormalizeResult,
  services: StackService[],
  files: RenderedFile[],
  namespace: string,
  options: StackImportOptions,
) {
  for (const s of services) {
    if (s.decision || (s.role !== 'deployment' && s.role !== 'job')) continue;
    const dir = `${namespace}/${s.name}`;
    const mounted = mountComposeFiles(
      project.compose,
      project.compose.services[s.service],
      s.name,
      namespace,
      dir,
      options.sources?.readFile,
    );
    if (mounted.mounts.length === 0) continue;
    const i = files.findIndex(
      f => f.path === `${dir}/deployment.yaml` || f.path === `${dir}/job.yaml`,
    );
    files[i] = addFileMounts(files[i], s.name, mounted.mounts);
    const k = files.findIndex(f => f.path === `${dir}/kustomization.yaml`);
    files.splice(k, 0, ...mounted.files);
    const own = files.filter(f => f.path === `${dir}/kustomization.yaml`);
    rewriteResources(own, names => [
      ...names,
      ...(mounted.files.some(f => f.path.endsWith('/configmap.yaml'))
        ? ['configmap.yaml']
        : []),
    ]);
    files[files.findIndex(f => f.path === `${dir}/kustomization.yaml`)] =
      own[0];
    s.unmapped = [
      ...s.unmapped.filter(u => u.key !== 'secrets' && u.key !== 'configs'),
      ...mounted.notes,
    ];
  }
}
