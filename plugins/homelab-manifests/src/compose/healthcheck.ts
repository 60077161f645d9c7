import type { ServiceSpecInput } from '../spec/serviceSpec';
import type { UnmappedKey } from './importComposeService';
import type { LongHealthcheck } from './normalize';

const LOCAL_URL =
  /^https?:\/\/(?:localhost|127\.0\.0\.1|0\.0\.0\.0|\[::1\])(?::(\d+))?(\/[^\s'"]*)?$/;

interface Port {
  name: string;
  target: number;
  protocol: 'TCP' | 'UDP';
}

/**
 * `CMD curl|wget ... http://localhost:PORT/path` becomes an http probe on that port; any
 * other check becomes a TCP probe on the first port, with a warning.
 */
export function mapHealthcheck(
  healthcheck: LongHealthcheck | undefined,
  ports: Port[],
): {
  probe?: ServiceSpecInput['probes'];
  warnings: string[];
  unmapped: UnmappedKey[];
} {
  const warnings: string[] = [];
  const unmapped: UnmappedKey[] = [];
  if (healthcheck === undefined) return { warnings, unmapped };
  for (const key of Object.keys(healthcheck)) {
    if (key !== 'test' && key !== 'disable') {
      unmapped.push({
        key: `healthcheck.${key}`,
        reason:
          'probe timings are not part of the service spec; the rendered probes use their defaults',
      });
    }
  }
  const test = healthcheck.test;
  const firstTcp = ports.find(p => p.protocol === 'TCP');
  const tcpFallback = (why: string) => {
    if (!firstTcp) {
      warnings.push(`${why}; no TCP port to probe instead`);
      return { warnings, unmapped };
    }
    warnings.push(
      `${why}; the draft probes TCP port ${firstTcp.target} instead`,
    );
    return {
      probe: { type: 'tcp' as const, port: firstTcp.name },
      warnings,
      unmapped,
    };
  };

  if (healthcheck.disable === true || test?.[0] === 'NONE') {
    return tcpFallback('compose disables the healthcheck');
  }
  if (test === undefined)
    return tcpFallback(
      "the healthcheck has no test (Docker uses the image's own)",
    );
  if (test[0] !== 'CMD') {
    return tcpFallback('the healthcheck is a shell command');
  }
  const args = test.slice(1);
  const tool = args[0]?.split('/').pop();
  const url = args.map(a => LOCAL_URL.exec(a)).find(Boolean);
  if ((tool !== 'curl' && tool !== 'wget') || !url) {
    return tcpFallback(
      `the healthcheck runs "${
        tool ?? ''
      }", not an HTTP request to the container`,
    );
  }
  const portNumber = Number(url[1] ?? (url[0].startsWith('https') ? 443 : 80));
  const port = ports.find(p => p.target === portNumber && p.protocol === 'TCP');
  if (!port) {
    return tcpFallback(
      `the healthcheck URL uses port ${portNumber}, which the service does not declare`,
    );
  }
  return {
    probe: { type: 'http', path: url[2] ?? '/', port: port.name },
    warnings,
    unmapped,
  };
}
