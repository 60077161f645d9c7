const BINARY: Record<string, number> = {
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
};
const DECIMAL: Record<string, number> = {
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
};

/** Bytes of a Kubernetes memory quantity such as `16336520Ki` or `16G`. */
export function parseQuantityBytes(quantity: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|k|M|G|T|P)?$/.exec(
    quantity.trim(),
  );
  if (!match) return undefined;
  const unit = match[2] ?? '';
  return Number(match[1]) * (BINARY[unit] ?? DECIMAL[unit]);
}

function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}

/** `16Gi`, `15.6Gi`, `512Mi`: how people write node memory. */
export function formatBinaryBytes(bytes: number): string {
  return bytes >= BINARY.Gi
    ? `${oneDecimal(bytes / BINARY.Gi)}Gi`
    : `${Math.max(1, Math.round(bytes / BINARY.Mi))}Mi`;
}

/** `1.4GB`, `815MB`: how Ollama's `ollama list` shows model sizes. */
export function formatDecimalBytes(bytes: number): string {
  return bytes >= 1e9
    ? `${oneDecimal(bytes / 1e9)}GB`
    : `${Math.max(1, Math.round(bytes / 1e6))}MB`;
}
