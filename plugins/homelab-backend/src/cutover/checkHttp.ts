import type {
  ExpectedStatus,
  HttpServiceCheck,
  HttpUrlCheck,
} from '@internal/plugin-homelab-common';
import { isError } from '@backstage/errors';
import { fail, pass, unknown, Verdict } from './result';
import type { CutoverClusterReader, UrlProber } from './types';

export function statusMatches(code: number, expected: ExpectedStatus): boolean {
  return (
    expected.codes.includes(code) ||
    expected.classes.includes(Math.floor(code / 100))
  );
}

/** GET through the API server's service proxy; the API server's own refusals are told apart. */
export async function checkHttpService(
  check: HttpServiceCheck,
  cluster: CutoverClusterReader,
): Promise<Verdict> {
  const target = `GET ${check.path} on service ${check.service}:${check.port}`;
  const answer = await cluster.proxyGet(
    check.namespace,
    check.service,
    check.port,
    check.path,
  );
  const api = answer.apiStatus;
  if (
    api &&
    answer.status === 503 &&
    /no endpoints available/i.test(api.message)
  )
    return fail(`${target}: ${api.message}`);
  if (api && (answer.status === 401 || answer.status === 403))
    return unknown(
      `${target}: the API server refused the proxy (${answer.status}: ${api.message}); grant the portal services/proxy in ${check.namespace}`,
    );
  if (api && answer.status === 404 && api.reason === 'NotFound')
    return fail(`${target}: ${api.message}`);
  const text = `${target} answered ${answer.status}`;
  return statusMatches(answer.status, check.status)
    ? pass(text)
    : fail(`${text} (expected ${check.status.text})`);
}

/** GET straight to a URL on an allowed host. A host that does not answer fails the check. */
export async function checkHttpUrl(
  check: HttpUrlCheck,
  probeUrl: UrlProber | undefined,
): Promise<Verdict> {
  const target = `GET ${check.url}`;
  if (!probeUrl)
    return unknown(
      `${target}: direct checks are off; list the host in homelab.cutover.allowedHosts or check through the service proxy`,
    );
  let status: number;
  try {
    ({ status } = await probeUrl(check.url));
  } catch (error) {
    if (isError(error) && error.name === 'NotAllowedError')
      return unknown(`${target}: ${error.message}`);
    return fail(`${target}: ${isError(error) ? error.message : String(error)}`);
  }
  const text = `${target} answered ${status}`;
  return statusMatches(status, check.status)
    ? pass(text)
    : fail(`${text} (expected ${check.status.text})`);
}
