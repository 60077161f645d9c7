import type { ServiceSpecInput } from '../spec/serviceSpec';
import type { UnmappedKey } from './importComposeService';
import type { LongHealthcheck } from './normalize';
import { splitShellWords } from './normalize/shellWords';

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
  const args = commandWords(test);
  if (!args) {
    return tcpFallback('the healthcheck is a shell command');
  }
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

/**
 * The words of the command a healthcheck runs: `CMD` as given, `CMD-SHELL` split like a
 * shell up to the first operator (`curl -f http://localhost/ || exit 1` runs curl).
 * Undefined for shell text this cannot read (quotes left open, subshells, variables).
 */
function commandWords(test: string[]): string[] | undefined {
  if (test[0] === 'CMD') return test.slice(1);
  if (test[0] !== 'CMD-SHELL' || test.length !== 2) return undefined;
  let words: string[];
  try {
    words = splitShellWords(test[1]);
  } catch {
    return undefined;
  }
  const end = words.findIndex(w => ['||', '&&', ';', '|'].includes(w));
  const first = end < 0 ? words : words.slice(0, end);
  return first.some(w => /[$`()]/.test(w)) ? undefined : first;
}
