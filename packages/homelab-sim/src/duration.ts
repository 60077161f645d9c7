const UNIT_MS: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** Roughly Go's maximum duration: what Ollama reports for "keep forever". */
export const FOREVER_MS = 292 * 365 * 86_400_000;

/**
 * Parses a Go-style duration (`5m`, `1h30m`, `250ms`, `-1m`) or a number of
 * seconds, the two forms Ollama accepts for keep_alive. Returns milliseconds.
 */
export function parseDuration(value: string | number, field: string): number {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new Error(`${field}: expected a number of seconds, got ${value}`);
    }
    return value * 1000;
  }
  const text = value.trim();
  if (/^-?\d+(\.\d+)?$/.test(text)) {
    return Number(text) * 1000;
  }
  const match = /^(-?)((?:\d+(?:\.\d+)?(?:ns|us|µs|ms|s|m|h|d))+)$/.exec(text);
  if (!match) {
    throw new Error(
      `${field}: "${value}" is not a duration; use e.g. 5m, 30s, 250ms, 1h or a number of seconds`,
    );
  }
  let total = 0;
  for (const part of match[2].matchAll(
    /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h|d)/g,
  )) {
    total += Number(part[1]) * UNIT_MS[part[2]];
  }
  return match[1] === '-' ? -total : total;
}

/** Kubernetes' short age format: 45s, 12m, 5h, 3d (same rounding as kubectl's). */
export function humanAge(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 120) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 180) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  const days = Math.floor(hours / 24);
  if (days < 8) {
    const h = hours % 24;
    return h === 0 ? `${days}d` : `${days}d${h}h`;
  }
  if (days < 365 * 2) return `${days}d`;
  return `${Math.floor(days / 365)}y`;
}
