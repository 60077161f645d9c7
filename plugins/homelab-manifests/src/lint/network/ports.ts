import { isRecord } from '../workloads';
import type { YamlPath } from '../types';

/** Where a rule lets DNS through: the path of the port entry (or rule) per protocol. */
export interface DnsPorts {
  udp?: YamlPath;
  tcp?: YamlPath;
}

/** CoreDNS names its container ports dns (UDP 53) and dns-tcp (TCP 53). */
const NAMED_DNS: Record<string, 'UDP' | 'TCP'> = {
  dns: 'UDP',
  'dns-tcp': 'TCP',
};

function coversPort53(port: unknown, endPort: unknown, protocol: string) {
  if (port === undefined || port === null) return true;
  let number: number | undefined;
  if (typeof port === 'number') number = port;
  else if (typeof port === 'string' && /^\d+$/.test(port))
    number = Number(port);
  if (number === undefined)
    return typeof port === 'string' && NAMED_DNS[port] === protocol;
  if (number === 0) return true;
  const end = Number(endPort ?? number);
  return number <= 53 && end >= 53;
}

function record(found: DnsPorts, protocol: string, path: YamlPath) {
  if ((protocol === 'UDP' || protocol === 'ANY') && !found.udp)
    found.udp = path;
  if ((protocol === 'TCP' || protocol === 'ANY') && !found.tcp)
    found.tcp = path;
}

/**
 * NetworkPolicy ports: no list (or an empty one) allows every port; an entry
 * without protocol is TCP; an entry without port is every port of its protocol.
 */
export function networkPolicyDnsPorts(
  ports: unknown,
  rulePath: YamlPath,
): DnsPorts {
  if (!Array.isArray(ports) || ports.length === 0)
    return { udp: rulePath, tcp: rulePath };
  const found: DnsPorts = {};
  ports.forEach((entry, i) => {
    if (!isRecord(entry)) return;
    const protocol = entry.protocol ?? 'TCP';
    if (coversPort53(entry.port, entry.endPort, protocol))
      record(found, protocol, [...rulePath, 'ports', i]);
  });
  return found;
}

export interface CiliumDnsPorts extends DnsPorts {
  /** A port-53 entry with L7 rules.dns: the DNS proxy sees the lookups. */
  proxied: boolean;
}

/**
 * Cilium toPorts: none allows every port; a port without protocol is ANY (TCP and
 * UDP alike), unlike a NetworkPolicy.
 */
export function ciliumDnsPorts(
  toPorts: unknown,
  rulePath: YamlPath,
): CiliumDnsPorts {
  if (!Array.isArray(toPorts) || toPorts.length === 0)
    return { udp: rulePath, tcp: rulePath, proxied: false };
  const found: CiliumDnsPorts = { proxied: false };
  toPorts.forEach((portRule, i) => {
    if (!isRecord(portRule)) return;
    const path: YamlPath = [...rulePath, 'toPorts', i];
    const local: DnsPorts = {};
    const list = Array.isArray(portRule.ports) ? portRule.ports : [];
    if (list.length === 0) record(local, 'ANY', path);
    list.forEach((entry, j) => {
      if (!isRecord(entry)) return;
      const protocol = String(entry.protocol ?? 'ANY').toUpperCase();
      if (coversPort53(entry.port, entry.endPort, protocol))
        record(local, protocol, [...path, 'ports', j]);
    });
    const dnsRules = isRecord(portRule.rules) ? portRule.rules.dns : undefined;
    if (
      Array.isArray(dnsRules) &&
      dnsRules.length > 0 &&
      (local.udp || local.tcp)
    )
      found.proxied = true;
    found.udp ??= local.udp;
    found.tcp ??= local.tcp;
  });
  return found;
}
