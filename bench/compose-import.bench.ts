import { stringify } from 'yaml';
import { importComposeStack } from '../plugins/homelab-manifests/src';
import { medianMs } from './medianMs';
import type { BenchRow } from './types';

/**
 * A compose file of `count` services as homelab stacks have them: web apps with ports and
 * healthchecks, workers without ports, one-shot jobs, apps on a VPN's network, depends_on
 * chains, service URLs in the environment, `${X_TAG:-...}` images and an .env file.
 */
function stack(count: number): { text: string; envFile: string } {
  const services: Record<string, unknown> = {
    vpn: {
      image: 'qmcgaw/gluetun:${GLUETUN_TAG:-v3.39.1}',
      cap_add: ['NET_ADMIN'],
      ports: ['8080:8080', '9696:9696'],
      environment: ['WIREGUARD_PRIVATE_KEY=${WIREGUARD_PRIVATE_KEY}'],
    },
  };
  for (let i = 1; i < count; i++) {
    const name = `app-${i}`;
    const previous = i > 1 ? `app-${i - 1}` : 'vpn';
    const kind = i % 10;
    const base = {
      image: `ghcr.io/homelab/${name}:\${APP_${i}_TAG:-1.${i}.0}`,
      user: '1000:1000',
      environment: {
        TZ: '${TZ:-Etc/UTC}',
        UPSTREAM_URL: `http://${previous}:8080/api`,
        API_TOKEN: '${API_TOKEN}',
      },
      volumes: [`./config/${name}:/config`, `${name}-data:/data`],
      depends_on: { [previous]: { condition: 'service_started' } },
      deploy: { resources: { limits: { cpus: '0.5', memory: '512M' } } },
    };
    if (kind === 0) services[name] = { ...base, network_mode: 'service:vpn', ports: undefined };
    else if (kind === 1) services[name] = { ...base, restart: 'no', command: 'migrate --once' };
    else if (kind === 2) services[name] = { ...base, command: ['worker', '--queue', 'default'] };
    else
      services[name] = {
        ...base,
        ports: ['8080'],
        healthcheck: { test: ['CMD', 'curl', '-f', 'http://localhost:8080/health'], interval: '30s' },
      };
  }
  const text = stringify({ name: 'bench', services }, { lineWidth: 0 });
  return { text, envFile: 'TZ=Europe/Berlin\nAPI_TOKEN=bench-token-value\nWIREGUARD_PRIVATE_KEY=abc\n' };
}

/** Import and render of a 100-service compose file, against a 10-service one, and peak memory. */
export async function run(): Promise<BenchRow[]> {
  const small = stack(10);
  const large = stack(100);
  const importAll = (input: { text: string; envFile: string }) => () => {
    importComposeStack(input.text, { sources: { envFile: input.envFile } });
  };
  importAll(small)(); // warm up the JIT and compile the compose schema
  const rssBefore = process.resourceUsage().maxRSS;
  const smallMs = medianMs(importAll(small), 5);
  const largeMs = medianMs(importAll(large), 3);
  const peakMb = process.resourceUsage().maxRSS / 1024;
  const files = importComposeStack(large.text, { sources: { envFile: large.envFile } }).files.length;
  return [
    { metric: 'compose import + render, 10 services', value: Number(smallMs.toFixed(1)), unit: 'ms' },
    {
      metric: `compose import + render, 100 services (${files} files)`,
      value: Number(largeMs.toFixed(1)),
      unit: 'ms',
      ratio: Number((largeMs / smallMs).toFixed(2)),
      note: 'vs 10 services; target <= 15 (linear in services)',
    },
    {
      metric: 'peak RSS during the imports',
      value: Number(peakMb.toFixed(1)),
      unit: 'MB',
      note: `${((process.resourceUsage().maxRSS - rssBefore) / 1024).toFixed(1)} MB above the warmed-up process`,
    },
  ];
}
