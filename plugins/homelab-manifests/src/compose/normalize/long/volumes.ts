import type { LongVolume } from '../types';

const BIND_MODES = new Set([
  'shared',
  'rshared',
  'slave',
  'rslave',
  'private',
  'rprivate',
]);
const CONSISTENCY = new Set(['consistent', 'cached', 'delegated']);

/**
 * `volumes:` of a service in long form: "SOURCE:TARGET[:MODE]" or "TARGET" become
 * `{type, source, target, read_only, bind|volume}` as compose prints them. A source that
 * starts with "/", "." or "~" is a bind mount, anything else a named volume; a lone
 * target is an anonymous volume. Relative bind paths stay relative (the portal does not
 * know the folder the file came from).
 */
export function longVolumes(entries: unknown[]): LongVolume[] {
  return entries.map(entry => {
    if (typeof entry !== 'string') return { ...(entry as LongVolume) };
    const parts = entry.split(':');
    if (parts.length === 1) return { type: 'volume', target: parts[0] };
    if (parts.length > 3)
      throw new Error(`"${entry}" is not SOURCE:TARGET[:MODE]`);
    const [source, target, mode = ''] = parts;
    const options = mode.split(',').filter(Boolean);
    const bind = /^[/.~]/.test(source);
    const volume: LongVolume = {
      type: bind ? 'bind' : 'volume',
      source,
      target,
    };
    if (options.includes('ro')) volume.read_only = true;
    const consistency = options.find(o => CONSISTENCY.has(o));
    if (consistency) volume.consistency = consistency;
    if (bind) {
      const settings: Record<string, unknown> = { create_host_path: true };
      const propagation = options.find(o => BIND_MODES.has(o));
      if (propagation) settings.propagation = propagation;
      if (options.includes('z') || options.includes('Z'))
        settings.selinux = options.includes('Z') ? 'Z' : 'z';
      volume.bind = settings;
    } else if (options.includes('nocopy')) volume.volume = { nocopy: true };
    return volume;
  });
}
