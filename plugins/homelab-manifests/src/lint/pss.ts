import {
  containersOf,
  isRecord,
  podTemplateOf,
  PodTemplate,
} from './workloads';
import type { Rule, RuleContext, YamlPath } from './types';
import { BASELINE_CAPABILITIES } from '../util/podSecurityCapabilities';

type Level = 'baseline' | 'restricted';

interface Violation {
  check: string;
  level: Level;
  path: YamlPath;
  message: string;
  fix: string;
}

const SAFE_SYSCTLS = new Set([
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
]);
const SELINUX_TYPES = new Set([
  '',
  'container_t',
  'container_init_t',
  'container_kvm_t',
  'container_engine_t',
]);
const RESTRICTED_VOLUME_SOURCES = new Set([
  'configMap',
  'csi',
  'downwardAPI',
  'emptyDir',
  'ephemeral',
  'persistentVolumeClaim',
  'projected',
  'secret',
]);

/** The Pod Security Admission checks, as `pss/<check>`; severity follows the namespace labels. */
export const podSecurityRule: Rule = (ctx: RuleContext) => {
  for (const object of ctx.objects) {
    const pod = podTemplateOf(object);
    if (!pod) continue;
    for (const v of [
      ...baselineViolations(pod),
      ...restrictedViolations(pod),
    ]) {
      const severity = ctx.pssSeverity(object.namespace, v.level);
      if (severity) {
        ctx.report(
          object,
          `pss/${v.check}`,
          v.path,
          `${v.message} (Pod Security ${v.level})`,
          v.fix,
          severity,
        );
      }
    }
  }
};

function baselineViolations(pod: PodTemplate): Violation[] {
  const out: Violation[] = [];
  const add = (check: string, path: YamlPath, message: string, fix: string) =>
    out.push({ check, level: 'baseline', path, message, fix });
  const spec = pod.spec;
  const sp = pod.specPath;
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) {
    if (spec[field] === true) {
      add(
        'hostNamespaces',
        [...sp, field],
        `${field} shares the node's namespace with the pod`,
        `Remove ${field} or set it to false.`,
      );
    }
  }
  const podSc = isRecord(spec.securityContext) ? spec.securityContext : {};
  checkSeLinux(
    podSc.seLinuxOptions,
    [...sp, 'securityContext', 'seLinuxOptions'],
    add,
  );
  if (podSc.seccompProfile?.type === 'Unconfined') {
    add(
      'seccompProfile_baseline',
      [...sp, 'securityContext', 'seccompProfile', 'type'],
      'seccompProfile Unconfined turns syscall filtering off',
      'Use type: RuntimeDefault.',
    );
  }
  if (
    isRecord(podSc.appArmorProfile) &&
    podSc.appArmorProfile.type === 'Unconfined'
  ) {
    add(
      'appArmorProfile',
      [...sp, 'securityContext', 'appArmorProfile', 'type'],
      'appArmorProfile Unconfined turns AppArmor off',
      'Use type: RuntimeDefault or remove it.',
    );
  }
  if (Array.isArray(podSc.sysctls)) {
    podSc.sysctls.forEach((s: any, i: number) => {
      if (!SAFE_SYSCTLS.has(s?.name)) {
        add(
          'sysctls',
          [...sp, 'securityContext', 'sysctls', i, 'name'],
          `sysctl ${s?.name} is not in the safe set`,
          'Remove it; set node sysctls outside the pod instead.',
        );
      }
    });
  }
  for (const [key, value] of Object.entries(pod.annotations)) {
    if (
      key.startsWith('container.apparmor.security.beta.kubernetes.io/') &&
      typeof value === 'string' &&
      value !== 'runtime/default' &&
      !value.startsWith('localhost/')
    ) {
      add(
        'appArmorProfile',
        [...sp.slice(0, -1), 'metadata', 'annotations', key],
        `AppArmor annotation ${value} weakens confinement`,
        'Use runtime/default or remove the annotation.',
      );
    }
  }
  if (Array.isArray(spec.volumes)) {
    spec.volumes.forEach((volume: any, i: number) => {
      if (isRecord(volume) && volume.hostPath !== undefined) {
        add(
          'hostPathVolumes',
          [...sp, 'volumes', i, 'hostPath'],
          `volume ${volume.name} mounts a path of the node`,
          'Use a PersistentVolumeClaim or emptyDir instead of hostPath.',
        );
      }
    });
  }
  for (const { container, path } of containersOf(pod)) {
    const sc = isRecord(container.securityContext)
      ? container.securityContext
      : {};
    const scPath = [...path, 'securityContext'];
    if (sc.privileged === true) {
      add(
        'privileged',
        [...scPath, 'privileged'],
        `container ${container.name} runs privileged`,
        'Remove privileged: true; add the one capability it needs instead.',
      );
    }
    const added: unknown[] = Array.isArray(sc.capabilities?.add)
      ? sc.capabilities.add
      : [];
    added.forEach((cap, i) => {
      if (typeof cap !== 'string' || !BASELINE_CAPABILITIES.has(cap)) {
        add(
          'capabilities_baseline',
          [...scPath, 'capabilities', 'add', i],
          `container ${container.name} adds capability ${String(cap)}`,
          'Remove it; baseline allows only the default container capabilities.',
        );
      }
    });
    if (Array.isArray(container.ports)) {
      container.ports.forEach((port: any, i: number) => {
        if (
          isRecord(port) &&
          port.hostPort !== undefined &&
          port.hostPort !== 0
        ) {
          add(
            'hostPorts',
            [...path, 'ports', i, 'hostPort'],
            `container ${container.name} binds host port ${port.hostPort}`,
            'Remove hostPort and expose the port with a Service.',
          );
        }
      });
    }
    if (
      isRecord(sc.appArmorProfile) &&
      sc.appArmorProfile.type === 'Unconfined'
    ) {
      add(
        'appArmorProfile',
        [...scPath, 'appArmorProfile', 'type'],
        `container ${container.name} runs without AppArmor`,
        'Use type: RuntimeDefault or remove it.',
      );
    }
    checkSeLinux(sc.seLinuxOptions, [...scPath, 'seLinuxOptions'], add);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') {
      add(
        'procMount',
        [...scPath, 'procMount'],
        `container ${container.name} unmasks /proc`,
        'Remove procMount or set it to Default.',
      );
    }
    if (sc.seccompProfile?.type === 'Unconfined') {
      add(
        'seccompProfile_baseline',
        [...scPath, 'seccompProfile', 'type'],
        `container ${container.name} turns seccomp off`,
        'Use type: RuntimeDefault.',
      );
    }
  }
  return out;
}

function checkSeLinux(
  options: unknown,
  path: YamlPath,
  add: (c: string, p: YamlPath, m: string, f: string) => void,
) {
  if (!isRecord(options)) return;
  if (options.type !== undefined && !SELINUX_TYPES.has(options.type)) {
    add(
      'seLinuxOptions',
      [...path, 'type'],
      `SELinux type ${options.type} is not a container type`,
      'Remove it or use container_t.',
    );
  }
  for (const field of ['user', 'role']) {
    if (options[field] !== undefined && options[field] !== '') {
      add(
        'seLinuxOptions',
        [...path, field],
        `SELinux ${field} may not be set`,
        `Remove seLinuxOptions.${field}.`,
      );
    }
  }
}

function restrictedViolations(pod: PodTemplate): Violation[] {
  const out: Violation[] = [];
  const add = (check: string, path: YamlPath, message: string, fix: string) =>
    out.push({ check, level: 'restricted', path, message, fix });
  const sp = pod.specPath;
  const podSc = isRecord(pod.spec.securityContext)
    ? pod.spec.securityContext
    : {};
  const podScPath = [...sp, 'securityContext'];

  if (Array.isArray(pod.spec.volumes)) {
    pod.spec.volumes.forEach((volume: any, i: number) => {
      if (!isRecord(volume)) return;
      const source = Object.keys(volume).find(k => k !== 'name');
      if (source && !RESTRICTED_VOLUME_SOURCES.has(source)) {
        add(
          'restrictedVolumes',
          [...sp, 'volumes', i, source],
          `volume ${volume.name} uses ${source}`,
          'Use configMap, secret, emptyDir, persistentVolumeClaim, projected, downwardAPI, csi or ephemeral.',
        );
      }
    });
  }
  if (podSc.runAsUser === 0) {
    add(
      'runAsUser',
      [...podScPath, 'runAsUser'],
      'the pod runs as uid 0',
      'Set runAsUser to a non-zero uid.',
    );
  }
  const podNonRoot = podSc.runAsNonRoot === true;
  const podSeccomp = ['RuntimeDefault', 'Localhost'].includes(
    podSc.seccompProfile?.type,
  );

  for (const { container, path, type } of containersOf(pod)) {
    const sc = isRecord(container.securityContext)
      ? container.securityContext
      : {};
    const scPath = [...path, 'securityContext'];
    const name = container.name;
    if (sc.allowPrivilegeEscalation !== false) {
      add(
        'allowPrivilegeEscalation',
        sc.allowPrivilegeEscalation === undefined
          ? path
          : [...scPath, 'allowPrivilegeEscalation'],
        `container ${name} may escalate privileges`,
        'Set securityContext.allowPrivilegeEscalation: false.',
      );
    }
    if (
      sc.runAsNonRoot === false ||
      (!podNonRoot && sc.runAsNonRoot !== true)
    ) {
      add(
        'runAsNonRoot',
        sc.runAsNonRoot === false ? [...scPath, 'runAsNonRoot'] : path,
        `container ${name} may run as root`,
        'Set runAsNonRoot: true in the pod or container securityContext.',
      );
    }
    if (sc.runAsUser === 0) {
      add(
        'runAsUser',
        [...scPath, 'runAsUser'],
        `container ${name} runs as uid 0`,
        'Set runAsUser to a non-zero uid.',
      );
    }
    const seccomp = sc.seccompProfile?.type;
    if (
      seccomp !== undefined
        ? !['RuntimeDefault', 'Localhost'].includes(seccomp)
        : !podSeccomp
    ) {
      add(
        'seccompProfile_restricted',
        seccomp !== undefined ? [...scPath, 'seccompProfile', 'type'] : path,
        `container ${name} has no RuntimeDefault or Localhost seccomp profile`,
        'Set securityContext.seccompProfile.type: RuntimeDefault on the pod.',
      );
    }
    // Ephemeral debug containers are exempt from the capability rule in PSA.
    if (type !== 'ephemeralContainers') {
      const drop: unknown[] = Array.isArray(sc.capabilities?.drop)
        ? sc.capabilities.drop
        : [];
      if (!drop.includes('ALL')) {
        add(
          'capabilities_restricted',
          sc.capabilities ? [...scPath, 'capabilities'] : path,
          `container ${name} does not drop ALL capabilities`,
          'Set securityContext.capabilities.drop: [ALL].',
        );
      }
      const added: unknown[] = Array.isArray(sc.capabilities?.add)
        ? sc.capabilities.add
        : [];
      added.forEach((cap, i) => {
        if (cap !== 'NET_BIND_SERVICE') {
          add(
            'capabilities_restricted',
            [...scPath, 'capabilities', 'add', i],
            `container ${name} adds ${String(cap)}`,
            'Only NET_BIND_SERVICE may be added under restricted.',
          );
        }
      });
    }
  }
  return out;
}
