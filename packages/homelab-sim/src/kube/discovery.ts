import { groupVersion, RESOURCES } from './resources';

const READ_VERBS = ['get', 'list'];

export function versionInfo(gitVersion: string) {
  const m = /^v(\d+)\.(\d+)/.exec(gitVersion);
  return {
    major: m?.[1] ?? '1',
    minor: m?.[2] ?? '32',
    gitVersion,
    gitCommit: '0000000000000000000000000000000000000000',
    gitTreeState: 'clean',
    buildDate: '2025-04-24T12:00:00Z',
    goVersion: 'go1.23.8',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

export function apiVersions() {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [
      { clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' },
    ],
  };
}

function groups(): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const r of RESOURCES) {
    if (!r.group) continue;
    const versions = map.get(r.group) ?? [];
    if (!versions.includes(r.version)) versions.push(r.version);
    map.set(r.group, versions);
  }
  return map;
}

function groupObject(name: string, versions: string[]) {
  const list = versions.map(v => ({
    groupVersion: `${name}/${v}`,
    version: v,
  }));
  return { name, versions: list, preferredVersion: list[0] };
}

export function apiGroup(name: string) {
  const versions = groups().get(name);
  return versions
    ? { kind: 'APIGroup', apiVersion: 'v1', ...groupObject(name, versions) }
    : undefined;
}

export function apiGroupList() {
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups()].map(([name, versions]) =>
      groupObject(name, versions),
    ),
  };
}

export function apiResourceList(group: string, version: string) {
  const resources = RESOURCES.filter(
    r => r.group === group && r.version === version,
  );
  if (!resources.length) return undefined;
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: groupVersion({ group, version }),
    resources: resources.map(r => ({
      name: r.plural,
      singularName: r.metrics ? '' : r.singular,
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: READ_VERBS,
      ...(r.shortNames ? { shortNames: r.shortNames } : {}),
      ...(r.categories ? { categories: r.categories } : {}),
    })),
  };
}
