const FACTOR: Record<string, number> = {
  '': 1,
  k: 2 ** 10,
  m: 2 ** 20,
  g: 2 ** 30,
  t: 2 ** 40,
  p: 2 ** 50,
};

/**
 * Compose byte sizes ("512m", "1g", "1.5GB", "128mb", a number of bytes) as the number of
 * bytes `docker compose config` prints (docker/go-units RAMInBytes: binary multiples).
 */
export function composeBytes(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /^(\d+(?:\.\d+)?) ?([kmgtp])?i?b?$/i.exec(value.trim());
  if (!match) return undefined;
  return Math.round(Number(match[1]) * FACTOR[(match[2] ?? '').toLowerCase()]);
}
