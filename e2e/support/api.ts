import { baseUrl } from './browser.ts';

/**
 * The guest user's view of one portal's backend, at `base` (a test with a portal of its
 * own passes that portal's origin; the exports below are the main portal's).
 */
export function portalApi(base: string) {
  /** A guest user's Backstage token, as the browser gets it at sign-in. */
  async function guestToken(): Promise<string> {
    const res = await fetch(`${base}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
    if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
    const body = (await res.json()) as { backstageIdentity: { token: string } };
    return body.backstageIdentity.token;
  }

  /** GET a backend path (e.g. /api/catalog/...) as the guest user. */
  async function getJson<T>(path: string): Promise<T> {
    const res = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await guestToken()}` } });
    if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }

  /** The catalog processes a new location in the background: polls until the entity is there. */
  async function waitForEntity<T>(ref: { kind: string; name: string }, timeoutMs = 60_000): Promise<T> {
    const path = `/api/catalog/entities/by-name/${ref.kind}/default/${ref.name}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        return await getJson<T>(path);
      } catch (e) {
        if (Date.now() > deadline) throw e;
        await new Promise(r => setTimeout(r, 1000));
      }
    }
  }

  /** A request to the backend as the guest user; the response is the caller's to read. */
  async function guestFetch(path: string, init: RequestInit = {}): Promise<Response> {
    return fetch(`${base}${path}`, {
      ...init,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await guestToken()}`, ...init.headers },
    });
  }

  /** Registers a file location in the catalog (as any contributor could) and returns its id for removeLocation. */
  async function registerFileLocation(target: string): Promise<string> {
    const res = await guestFetch('/api/catalog/locations', { method: 'POST', body: JSON.stringify({ type: 'file', target }) });
    if (!res.ok) throw new Error(`registering ${target}: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { location: { id: string } }).location.id;
  }

  async function removeLocation(id: string): Promise<void> {
    await guestFetch(`/api/catalog/locations/${id}`, { method: 'DELETE' });
  }

  return { guestToken, getJson, waitForEntity, guestFetch, registerFileLocation, removeLocation };
}

export const { guestToken, getJson, waitForEntity, guestFetch, registerFileLocation, removeLocation } = portalApi(baseUrl);
