import { parseQuantity as parseCommonQuantity } from '@internal/plugin-homelab-common';

/** A Kubernetes resource quantity ("3500m", "2Gi", "1.5", "4e9") or a plain number as a number. */
export function parseQuantity(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? parseCommonQuantity(value) : undefined;
}

export const cpuMillicores = (v: unknown) => {
  const n = parseQuantity(v);
  return n === undefined ? undefined : Math.round(n * 1000);
};

export const bytes = (v: unknown) => {
  const n = parseQuantity(v);
  return n === undefined ? undefined : Math.round(n);
};

/** "2.2GB", "1.4 GB", "800MB", "2Gi" from an ai-model entity's spec as bytes. */
export function parseSize(value: unknown): number | undefined {
  if (typeof value !== 'string') return parseQuantity(value);
  const m =
    /^\s*([0-9.]+)\s*(B|KB|MB|GB|TB|KiB|MiB|GiB|TiB|Ki|Mi|Gi|Ti)?\s*$/i.exec(
      value,
    );
  if (!m) return undefined;
  const unit = (m[2] ?? 'B').toLowerCase().replace(/b$/, '').replace(/i$/, 'i');
  const table: Record<string, number> = {
    '': 1,
    k: 1e3,
    m: 1e6,
    g: 1e9,
    t: 1e12,
    ki: 2 ** 10,
    mi: 2 ** 20,
    gi: 2 ** 30,
    ti: 2 ** 40,
  };
  const f = table[unit];
  return f === undefined ? undefined : Math.round(Number(m[1]) * f);
}
