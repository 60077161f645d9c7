import { createHash } from 'node:crypto';
import type https from 'node:https';
import type { KubeConfig } from '@kubernetes/client-node';
import { InputError } from '@backstage/errors';
import { Agent } from 'undici';

/** What one request to the API server carries: auth headers and the TLS dispatcher. */
export interface KubeRequestAuth {
  headers: Record<string, string>;
  dispatcher: Agent;
  /** A fingerprint of the credential sent (never the credential), to tell one token from the next. */
  credentialId: string;
}

/**
 * The KubeConfig's auth and TLS (`applyToHTTPSOptions`: token file re-read,
 * exec and OIDC users, client certificates, CA) applied to undici, so the
 * calls keep the outbound timeout and byte cap of `limitFetch`. The undici
 * Agent is kept until the TLS material changes (a rotated ca.crt).
 */
export class KubeAuth {
  private agent?: { key: string; agent: Agent };

  constructor(private readonly kc: KubeConfig) {}

  /** The API server's base URL, without a trailing slash. */
  get server(): string {
    return (this.kc.getCurrentCluster()?.server ?? '').replace(/\/+$/, '');
  }

  async prepare(): Promise<KubeRequestAuth> {
    const opts: https.RequestOptions = {};
    try {
      await this.kc.applyToHTTPSOptions(opts);
    } catch (error) {
      const message = (error as Error).message;
      if (/HTTP protocol is not allowed/.test(message)) {
        throw new InputError(
          `the cluster URL ${this.server} is plain http; use https, or set skipTLSVerify: true on the cluster entry to allow it (e.g. for kubectl proxy)`,
        );
      }
      throw error;
    }
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(opts.headers ?? {})) {
      // trimmed: a hand-written token file may end in a newline
      if (value !== undefined) headers[name] = String(value).trim();
    }
    if (opts.auth) {
      headers.Authorization = `Basic ${Buffer.from(opts.auth).toString(
        'base64',
      )}`;
    }
    return {
      headers,
      dispatcher: this.agentFor(opts),
      credentialId: createHash('sha256')
        .update(headers.Authorization ?? '')
        .update(String(opts.cert ?? ''))
        .digest('hex')
        .slice(0, 16),
    };
  }

  private agentFor(opts: https.RequestOptions): Agent {
    const tls = {
      ca: opts.ca?.toString(),
      cert: opts.cert?.toString(),
      key: opts.key?.toString(),
      servername: opts.servername,
      rejectUnauthorized: opts.rejectUnauthorized !== false,
    };
    const key = JSON.stringify(tls);
    if (this.agent?.key === key) return this.agent.agent;
    const previous = this.agent?.agent;
    const agent = new Agent({
      connect: Object.fromEntries(
        Object.entries(tls).filter(([, v]) => v !== undefined),
      ),
    });
    this.agent = { key, agent };
    previous?.close().catch(() => undefined);
    return agent;
  }

  close(): Promise<void> {
    return this.agent?.agent.close() ?? Promise.resolve();
  }
}
