const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
};
const DECIMAL: Record<string, number> = { k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** Bytes in a Kubernetes memory quantity such as `16Gi`, `512Mi` or `1G`. */
export function parseBytes(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^(\d+(?:\.\d+)?)([KMGT]i|[kMGT])?$/.exec(q.trim());
  if (!m)
    throw new Error(`"${q}" is not a memory quantity; use e.g. 512Mi or 16Gi`);
  const unit = m[2] ?? '';
  return Number(m[1]) * (BINARY[unit] ?? DECIMAL[unit] ?? 1);
}

/** Millicores in a CPU quantity such as `500m` or `2`. */
export function parseMillicores(q: string | number): number {
  if (typeof q === 'number') return q * 1000;
  const m = /^(\d+(?:\.\d+)?)(m)?$/.exec(q.trim());
  if (!m) throw new Error(`"${q}" is not a CPU quantity; use e.g. 250m or 2`);
  return m[2] ? Number(m[1]) : Number(m[1]) * 1000;
}

export function formatMi(bytes: number): string {
  return `${Math.round(bytes / 2 ** 20)}Mi`;
}

export function formatKi(bytes: number): string {
  return `${Math.round(bytes / 2 ** 10)}Ki`;
}
