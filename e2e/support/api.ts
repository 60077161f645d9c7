import { baseUrl } from './browser.ts';

/** A guest user's Backstage token, as the browser gets it at sign-in. */
export async function guestToken(): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/guest/refresh`, { headers: { 'x-requested-with': 'XMLHttpRequest' } });
  if (!res.ok) throw new Error(`guest sign-in failed: ${res.status}`);
  const body = (await res.json()) as { backstageIdentity: { token: string } };
  return body.backstageIdentity.token;
}

/** GET a backend path (e.g. /api/catalog/...) as the guest user. */
export async function getJson<T>(path: string): Promise<T> {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${await guestToken()}` } });
  if (!res.ok) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The catalog processes a new location in the background: polls until the entity is there. */
export async function waitForEntity<T>(ref: { kind: string; name: string }, timeoutMs = 60_000): Promise<T> {
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
export async function guestFetch(path: string, init: RequestInit = {}): Promise<Response> {
  return fetch(`${baseUrl}${path}`, {
    ...init,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${await guestToken()}`, ...init.headers },
  });
}

/** Registers a file location in the catalog (as any contributor could) and returns its id for removeLocation. */
export async function registerFileLocation(target: string): Promise<string> {
  const res = await guestFetch('/api/catalog/locations', { method: 'POST', body: JSON.stringify({ type: 'file', target }) });
  if (!res.ok) throw new Error(`registering ${target}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { location: { id: string } }).location.id;
}

export async function removeLocation(id: string): Promise<void> {
  await guestFetch(`/api/catalog/locations/${id}`, { method: 'DELETE' });
}
