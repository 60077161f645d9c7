import type { ServiceSpecInput } from '../spec/serviceSpec';
import { toDnsLabel } from './composeValues';
import type { UnmappedKey } from './importComposeService';
import type { LongVolume } from './normalize';

type Storage = NonNullable<ServiceSpecInput['storage']>;

const HOST_ONLY: Array<[RegExp, string]> = [
  [
    /^\/var\/run\/docker\.sock$|^\/run\/docker\.sock$/,
    'the Docker socket does not exist on the cluster nodes',
  ],
  [
    /^\/etc\/localtime$|^\/etc\/timezone$/,
    "the node's clock files are not mounted; set the TZ variable instead",
  ],
  [/^\/dev\//, 'host devices are refused by Pod Security'],
  [/^\/(proc|sys)(\/|$)/, 'host system folders are refused by Pod Security'],
];

/** Named volumes and bind mounts (long form) become claims of `size` at the same container path. */
export function mapVolumes(
  volumes: LongVolume[] | undefined,
  serviceName: string,
  size: string,
): { storage: Storage; warnings: string[]; unmapped: UnmappedKey[] } {
  const storage: Storage = [];
  const warnings: string[] = [];
  const unmapped: UnmappedKey[] = [];
  (volumes ?? []).forEach((volume, i) => {
    const key = `volumes[${i}]`;
    if (!['bind', 'volume', 'tmpfs'].includes(volume.type)) {
      unmapped.push({
        key,
        reason: `has type "${volume.type}", which has no Kubernetes volume equivalent here`,
      });
      return;
    }
    const hostOnly = HOST_ONLY.find(([pattern]) =>
      pattern.test(volume.source ?? ''),
    );
    if (volume.type === 'bind' && hostOnly) {
      unmapped.push({ key, reason: `${volume.source}: ${hostOnly[1]}` });
      return;
    }
    const target = volume.target.replace(/(.)\/+$/, '$1');
    if (!target.startsWith('/')) {
      unmapped.push({
        key,
        reason: `container path "${volume.target}" is not absolute`,
      });
      return;
    }
    if (volume.type === 'tmpfs' || target === '/tmp') {
      warnings.push(
        `${key}: ${target} becomes scratch space only when it is /tmp (an emptyDir); other tmpfs mounts need a hand-made emptyDir`,
      );
      if (target !== '/tmp')
        unmapped.push({
          key,
          reason: 'tmpfs mounts are not part of the service spec',
        });
      return;
    }
    const named = volume.type === 'volume' && volume.source;
    const base = named
      ? volume.source!
      : target.split('/').filter(Boolean).pop() ?? 'data';
    const name = uniqueName(toDnsLabel(base, 40) || 'data', storage);
    storage.push({
      name,
      size,
      mountPath: target,
      accessMode: 'ReadWriteOnce',
    });
    if (volume.type === 'bind') {
      warnings.push(
        `${key}: the host folder ${volume.source} becomes the claim ${serviceName}-${name} (${size}); copy its data over and check the size`,
      );
    } else {
      warnings.push(
        `${key}: volume sizes are not in compose; ${serviceName}-${name} asks for ${size}, check it`,
      );
    }
    if (volume.read_only)
      warnings.push(
        `${key}: was read-only in compose; the claim is mounted read-write`,
      );
  });
  return { storage, warnings, unmapped };
}

function uniqueName(name: string, taken: Storage): string {
  const names = new Set(taken.map(s => s.name));
  const base = name === 'tmp' ? 'tmp-data' : name;
  let candidate = base;
  for (let n = 2; names.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}
