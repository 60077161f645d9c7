import { parseQuantity } from '@internal/plugin-homelab-common';

const MiB = 2 ** 20;
const GiB = 2 ** 30;

/** Bytes of a Kubernetes memory quantity such as `16336520Ki` or `16G`. */
export function parseQuantityBytes(quantity: string): number | undefined {
  return parseQuantity(quantity.trim());
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `16Gi`, `15.6Gi`, `512Mi`: how people write node memory. */
export function formatBinaryBytes(bytes: number): string {
  return bytes >= GiB
    ? `${oneDecimal(bytes / GiB)}Gi`
    : `${Math.max(1, Math.round(bytes / MiB))}Mi`;
}

/** `1.4GB`, `815MB`: how Ollama's `ollama list` shows model sizes. */
export function formatDecimalBytes(bytes: number): string {
  return bytes >= 1e9
    ? `${oneDecimal(bytes / 1e9)}GB`
    : `${Math.max(1, Math.round(bytes / 1e6))}MB`;
}
