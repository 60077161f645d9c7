import type { ServiceSpecInput } from '../spec/serviceSpec';
import { parseVolume, toDnsLabel } from './composeValues';
import type { UnmappedKey } from './importComposeService';

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

/** Named volumes and bind mounts become claims of `size` at the same container path. */
export function mapVolumes(
  volumes: unknown,
  serviceName: string,
  size: string,
): { storage: Storage; warnings: string[]; unmapped: UnmappedKey[] } {
  const storage: Storage = [];
  const warnings: string[] = [];
  const unmapped: UnmappedKey[] = [];
  const list = volumes === undefined ? [] : ([] as unknown[]).concat(volumes);
  list.forEach((entry, i) => {
    const key = `volumes[${i}]`;
    const volume = parseVolume(entry);
    if ('problem' in volume) {
      unmapped.push({ key, reason: volume.problem });
      return;
    }
    const hostOnly = HOST_ONLY.find(([pattern]) =>
      pattern.test(volume.source ?? ''),
    );
    if (volume.kind === 'bind' && hostOnly) {
      unmapped.push({ key, reason: `${volume.source}: ${hostOnly[1]}` });
      return;
    }
    if (!volume.target.startsWith('/')) {
      unmapped.push({
        key,
        reason: `container path "${volume.target}" is not absolute`,
      });
      return;
    }
    if (volume.kind === 'tmpfs' || volume.target === '/tmp') {
      warnings.push(
        `${key}: ${volume.target} becomes scratch space only when it is /tmp (an emptyDir); other tmpfs mounts need a hand-made emptyDir`,
      );
      if (volume.target !== '/tmp')
        unmapped.push({
          key,
          reason: 'tmpfs mounts are not part of the service spec',
        });
      return;
    }
    const base =
      volume.kind === 'named'
        ? volume.source!
        : volume.target.split('/').filter(Boolean).pop() ?? 'data';
    const name = uniqueName(toDnsLabel(base, 40) || 'data', storage);
    storage.push({
      name,
      size,
      mountPath: volume.target,
      accessMode: 'ReadWriteOnce',
    });
    if (volume.kind === 'bind') {
      warnings.push(
        `${key}: the host folder ${volume.source} becomes the claim ${serviceName}-${name} (${size}); copy its data over and check the size`,
      );
    } else {
      warnings.push(
        `${key}: volume sizes are not in compose; ${serviceName}-${name} asks for ${size}, check it`,
      );
    }
    if (volume.readOnly)
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
