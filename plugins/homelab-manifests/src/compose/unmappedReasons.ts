/** Why a compose key has no place in the service spec, by key. */
export const UNMAPPED_REASONS: Record<string, string> = {
  restart:
    'not needed: a Deployment always restarts failed containers (restartPolicy Always)',
  container_name:
    'not carried over: the Kubernetes objects are named after the service',
  networks:
    'not carried over: the NetworkPolicy replaces compose networks; egress comes from depends_on and service URLs',
  labels:
    'not carried over: compose labels (e.g. reverse-proxy rules) have no meaning here; routing comes from hostnames',
  command:
    'not carried over: the service spec has no command/args; add them to deployment.yaml by hand',
  entrypoint:
    'not carried over: the service spec has no command; add it to deployment.yaml by hand',
  cap_add:
    'refused: every capability is dropped under Pod Security restricted; find a way to run without it or use a baseline namespace and edit deployment.yaml',
  privileged:
    'refused: privileged containers break Pod Security baseline and restricted',
  env_file:
    'not read: list the variables of the file as env (plain) or secretEnv (secret) by hand',
  devices:
    'not carried over: host devices need a device plugin or a privileged pod, which Pod Security refuses',
  shm_size:
    'not carried over: mount an emptyDir with medium Memory at /dev/shm in deployment.yaml if the service needs it',
  build:
    'not carried over: build and push the image, then use image with a pinned tag',
  secrets:
    'not carried over: Docker secrets are files; importing the whole file (--all) mounts a Secret placeholder at each target, or list the variables in secretEnv',
  configs:
    'not carried over: importing the whole file (--all) mounts a ConfigMap at each target; or mount one by hand',
  security_opt: 'not carried over: the renderer sets seccomp RuntimeDefault',
  network_mode:
    'refused: pods have their own network namespace; hostNetwork breaks Pod Security baseline',
  pid: 'refused: host PID namespaces break Pod Security baseline',
  ipc: 'refused: host IPC namespaces break Pod Security baseline',
  extra_hosts: 'not carried over: use cluster DNS names of Services',
  dns: 'not carried over: pods use the cluster DNS',
  tmpfs:
    'not carried over: /tmp is already an emptyDir; add others to deployment.yaml by hand',
  read_only: 'not needed: readOnlyRootFilesystem is on by default',
  ulimits: 'not carried over: Kubernetes has no per-pod ulimits',
  sysctls: 'not carried over: unsafe sysctls are refused by Pod Security',
  logging: 'not carried over: the cluster collects container stdout',
  hostname: 'not carried over: pods are reached through their Service name',
  stop_grace_period:
    'not carried over: the default 30s termination grace period applies',
  stop_signal: 'not carried over: Kubernetes sends SIGTERM',
  working_dir: 'not carried over: set workingDir in deployment.yaml by hand',
  platform: 'not carried over: the nodes are amd64',
  init: 'not carried over: add an init process to the image if it needs one',
  profiles: 'not carried over: every imported service is deployed',
  mem_swappiness: 'not carried over: Kubernetes nodes run without swap',
  oom_score_adj:
    'not carried over: the kubelet sets OOM scores from the QoS class',
  tty: 'not carried over: not needed for a service',
  stdin_open: 'not carried over: not needed for a service',
  links:
    'not needed: Services are reached by name; egress comes from depends_on',
  external_links: 'not carried over: use cluster DNS names',
};

export const DEFAULT_UNMAPPED_REASON =
  'no equivalent in the service spec; carry it over by hand if it matters';
