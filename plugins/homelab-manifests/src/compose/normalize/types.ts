/** The long form every compose mapper reads: what `docker compose config` prints. */

export interface LongPort {
  name?: string;
  mode: string;
  host_ip?: string;
  target: number;
  /** A port or a range such as "8000-8010", as compose prints it. */
  published?: string;
  protocol: string;
  app_protocol?: string;
}

export interface LongVolume {
  type: string;
  source?: string;
  target: string;
  read_only?: boolean;
  consistency?: string;
  bind?: Record<string, unknown>;
  volume?: Record<string, unknown>;
  tmpfs?: Record<string, unknown>;
}

export interface LongEnvFile {
  path: string;
  required: boolean;
  format?: string;
}

export interface LongDependency {
  condition:
    | 'service_started'
    | 'service_healthy'
    | 'service_completed_successfully';
  required: boolean;
  restart?: boolean;
}

export interface LongFileReference {
  source: string;
  target: string;
  uid?: string;
  gid?: string;
  mode?: number;
}

export interface LongHealthcheck {
  /** ["CMD", ...], ["CMD-SHELL", "<command>"] or ["NONE"]. */
  test?: string[];
  interval?: string;
  timeout?: string;
  retries?: number;
  start_period?: string;
  start_interval?: string;
  disable?: boolean;
}

/** One service in long form; keys the normalizer does not rewrite are kept as they were. */
export interface NormalizedService {
  image?: string;
  ports?: LongPort[];
  expose?: string[];
  volumes?: LongVolume[];
  environment?: Record<string, string | null>;
  env_file?: LongEnvFile[];
  depends_on?: Record<string, LongDependency>;
  healthcheck?: LongHealthcheck;
  secrets?: LongFileReference[];
  configs?: LongFileReference[];
  networks?: Record<string, Record<string, unknown> | null>;
  labels?: Record<string, string>;
  command?: string[];
  entrypoint?: string[];
  /** Bytes, as compose prints mem_limit and mem_reservation. */
  mem_limit?: number;
  mem_reservation?: number;
  cpus?: number;
  user?: string;
  restart?: string;
  network_mode?: string;
  profiles?: string[];
  links?: string[];
  devices?: string[];
  cap_add?: string[];
  privileged?: boolean;
  [key: string]: unknown;
}

export interface NormalizedCompose {
  name?: string;
  services: Record<string, NormalizedService>;
  volumes?: Record<string, unknown>;
  networks?: Record<string, unknown>;
  secrets?: Record<string, Record<string, unknown>>;
  configs?: Record<string, Record<string, unknown>>;
}

/** Where the value of a `${VAR}` came from. */
export type VariableSource =
  | 'env-file'
  | 'environment'
  | 'default'
  | 'alternative'
  | 'unset';

/** One variable reference that was replaced. `value` is absent when it looks secret. */
export interface Substitution {
  variable: string;
  /** Dotted path of the value, e.g. services.web.image. */
  path: string;
  source: VariableSource;
  value?: string;
  secret: boolean;
}

/** A required variable (`${VAR:?message}` / `${VAR?message}`) that has no value. */
export interface MissingVariable {
  variable: string;
  path: string;
  message: string;
}

/** A problem of one service that did not stop the rest of the file. */
export interface ServiceNote {
  service: string;
  key: string;
  reason: string;
}

/** Files the compose file refers to (.env, env_file, extends.file), given by the caller. */
export interface ComposeSources {
  /** Text of the project's .env (or of --env-file). */
  envFile?: string;
  /** The process environment; pass it only when the person asked (--use-env). */
  environment?: Record<string, string | undefined>;
  /**
   * Text of a file named by the compose file, by its path as written there (relative to
   * the compose file's folder); undefined when it was not given. The CLI reads it with
   * safeChildPath, the portal looks it up among pasted fields.
   */
  readFile?: (path: string) => string | undefined;
}

export interface NormalizeOptions extends ComposeSources {
  /** Active profiles; "*" activates every one. Default: none, as compose does. */
  profiles?: string[] | '*';
  /** Services named explicitly: active whatever their profiles (as `docker compose up x`). */
  include?: string[];
}

export interface NormalizeResult {
  compose: NormalizedCompose;
  substitutions: Substitution[];
  missing: MissingVariable[];
  /** Per service: environment variables whose value took in a secret-looking substitution. */
  sensitive: Record<string, string[]>;
  /** Services left out because none of their profiles is active, with those profiles. */
  inactive: Record<string, string[]>;
  notes: ServiceNote[];
  warnings: string[];
}
