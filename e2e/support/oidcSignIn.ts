// Drives Backstage's OpenID Connect sign-in over plain HTTP, as the browser's popup would:
// /api/auth/oidc/start -> the provider's login and consent pages -> /api/auth/oidc/handler/frame
// (the popup's answer) -> /api/auth/oidc/refresh with the session cookie for a Backstage token.

/** Cookies per host, enough for one person's sign-in (paths and expiry are not needed). */
class CookieJar {
  readonly #cookies = new Map<string, Map<string, string>>();

  async fetch(url: URL, init: RequestInit = {}): Promise<Response> {
    const jar = this.#cookies.get(url.host) ?? new Map<string, string>();
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(url, { ...init, redirect: 'manual', headers: { ...init.headers, ...(cookie && { cookie }) } });
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const expired = attributes.some(a => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired) jar.delete(name);
      else jar.set(name, pair.slice(eq + 1).trim());
    }
    this.#cookies.set(url.host, jar);
    return res;
  }
}

export interface SignedIn {
  token: string;
  userEntityRef: string;
  ownershipEntityRefs: string[];
}

export type SignInOutcome = SignedIn | { error: { name: string; message: string } };

/** The JSON the frame handler posts to the app's window. */
function popupMessage(html: string): { response?: { backstageIdentity?: unknown }; error?: { name: string; message: string } } {
  const encoded = html.match(/var authResponse = decodeURIComponent\('([^']*)'\)/)?.[1];
  if (encoded === undefined) throw new Error(`the frame handler sent no auth response:\n${html.slice(0, 500)}`);
  return JSON.parse(decodeURIComponent(encoded));
}

export async function signInWithOidc(portalUrl: string, login: string): Promise<SignInOutcome> {
  const jar = new CookieJar();
  let url = new URL('/api/auth/oidc/start?env=production', portalUrl);
  for (let hops = 0; hops < 20; hops++) {
    if (url.origin === new URL(portalUrl).origin && url.pathname === '/api/auth/oidc/handler/frame') {
      const message = popupMessage(await (await jar.fetch(url)).text());
      if (message.error) return { error: message.error };
      const refresh = await jar.fetch(new URL('/api/auth/oidc/refresh?env=production', portalUrl), {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      });
      const body = (await refresh.json()) as {
        backstageIdentity?: { token: string; identity: { userEntityRef: string; ownershipEntityRefs: string[] } };
        error?: { name: string; message: string };
      };
      if (!refresh.ok || !body.backstageIdentity) throw new Error(`refresh after sign-in failed: ${refresh.status} ${JSON.stringify(body)}`);
      return { token: body.backstageIdentity.token, ...body.backstageIdentity.identity };
    }
    const res = await jar.fetch(url);
    const location = res.headers.get('location');
    if (res.status >= 300 && res.status < 400 && location) {
      url = new URL(location, url);
      continue;
    }
    const page = await res.text();
    const prompt = page.match(/name="prompt" value="(login|consent)"/)?.[1];
    const action = page.match(/<form[^>]* action="([^"]+)"/)?.[1];
    if (!res.ok || !prompt || !action) throw new Error(`unexpected page at ${url} (${res.status}):\n${page.slice(0, 500)}`);
    const form: Record<string, string> = prompt === 'login' ? { prompt, login, password: 'any' } : { prompt };
    const submitted = await jar.fetch(new URL(action, url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
    const next = submitted.headers.get('location');
    if (!next) throw new Error(`the provider answered the ${prompt} form with ${submitted.status}: ${await submitted.text()}`);
    url = new URL(next, url);
  }
  throw new Error(`sign-in of ${login} did not reach the portal's handler`);
}
