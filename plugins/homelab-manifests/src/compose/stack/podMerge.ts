import { Document, isMap, isSeq, parseDocument, YAMLMap } from 'yaml';
import type { RenderedFile } from '../../render/renderManifests';

/**
 * Adds the containers of `donor` (a rendered deployment.yaml) to the pod of `host`, as
 * `containers` (a sidecar sharing the pod's network) or `initContainers` (a one-shot
 * service the host waits for). The donor's volumes come along under their own names,
 * prefixed so they cannot clash with the host's.
 */
export function mergeIntoPod(
  host: RenderedFile,
  donor: RenderedFile,
  donorName: string,
  as: 'containers' | 'initContainers',
): RenderedFile {
  const doc = parseDocument(host.content);
  const donorDoc = parseDocument(donor.content);
  const donorPod = podSpec(donorDoc);
  // the guest's ReadWriteOnce claims attach to one node: the host pod must not overlap itself
  if (donorDoc.getIn(['spec', 'strategy', 'type']) === 'Recreate')
    doc.setIn(['spec', 'strategy', 'type'], 'Recreate');
  const hostPod = podSpec(doc);
  const rename = (name: string) => `${donorName}-${name}`.slice(0, 63);
  const containers = donorPod.get('containers', true);
  if (!isSeq(containers)) return host;
  for (const item of containers.items) {
    if (!isMap(item)) continue;
    const mounts = item.get('volumeMounts', true);
    if (isSeq(mounts))
      for (const mount of mounts.items)
        if (isMap(mount)) mount.set('name', rename(String(mount.get('name'))));
    if (as === 'initContainers') {
      item.delete('readinessProbe');
      item.delete('livenessProbe');
      item.delete('ports');
    }
    add(doc, hostPod, as, item);
  }
  const volumes = donorPod.get('volumes', true);
  if (isSeq(volumes))
    for (const volume of volumes.items)
      if (isMap(volume)) {
        volume.set('name', rename(String(volume.get('name'))));
        add(doc, hostPod, 'volumes', volume);
      }
  return { path: host.path, content: doc.toString({ lineWidth: 0 }) };
}

/** A rendered deployment.yaml as a Job that runs the pod once (job.yaml). */
export function deploymentToJob(deployment: RenderedFile): RenderedFile {
  const source = parseDocument(deployment.content).toJS() as any;
  const pod = source.spec.template.spec;
  for (const container of pod.containers) {
    delete container.readinessProbe;
    delete container.livenessProbe;
    delete container.ports;
  }
  pod.restartPolicy = 'OnFailure';
  const job = new Document({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: source.metadata,
    spec: {
      backoffLimit: 3,
      ttlSecondsAfterFinished: 86400,
      template: source.spec.template,
    },
  });
  job.commentBefore =
    ' A one-shot compose service (restart: "no"): runs to completion once. Delete the Job\n to run it again.';
  return {
    path: deployment.path.replace(/deployment\.yaml$/, 'job.yaml'),
    content: job.toString({ lineWidth: 0 }),
  };
}

function podSpec(doc: Document): YAMLMap {
  const pod = doc.getIn(['spec', 'template', 'spec'], true);
  if (!isMap(pod)) throw new Error('not a rendered Deployment');
  return pod;
}

function add(doc: Document, pod: YAMLMap, key: string, node: unknown) {
  const list = pod.get(key, true);
  if (isSeq(list)) list.items.push(node as any);
  else pod.set(key, doc.createNode([node]));
}
