// What the viewer benchmarks share: waiting on a beat, latency percentiles and the
// stand-in's request counters.

export const sleep = (ms: number) =>
  new Promise(resolve => setTimeout(resolve, Math.max(0, ms)));

/** The p-quantile (0..1) of ascending samples, nearest rank. */
export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** The stand-in's admin endpoint and its counters of requests per "<server> <METHOD> <path>". */
export function standInCounters(adminUrl: string) {
  const admin = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${adminUrl}${path}`, {
      method,
      ...(body
        ? {
            body: JSON.stringify(body),
            headers: { 'content-type': 'application/json' },
          }
        : {}),
    });
    if (!res.ok) throw new Error(`admin ${method} ${path}: ${res.status}`);
    return res.json();
  };
  const requests = async () => {
    const counts = (await admin('GET', '/counts')) as Record<string, number>;
    const sum = (prefix: string) =>
      Object.entries(counts)
        .filter(([key]) => key.startsWith(prefix))
        .reduce((n, [, count]) => n + count, 0);
    return { cluster: sum('kube '), ollama: sum('ollama '), counts };
  };
  return { admin, requests };
}
