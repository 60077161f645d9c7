import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, RequestCounter, sendJson } from '../http';
import type { ResolvedScenario, ScenarioSpec } from '../scenario/types';

export interface AdminControls {
  scenario(): ResolvedScenario;
  setScenario(nameOrSpec: string | ScenarioSpec): Promise<void>;
  counter: RequestCounter;
  /** The API server accepts `next`; the old token stays valid `oldTokenValidForMs` (default: the sim's). */
  rotateToken?(next: string, oldTokenValidForMs?: number): void;
}

const LOOPBACK = /^(127\.|::1$|::ffff:127\.)/;

function parseScenarioBody(text: string): string | ScenarioSpec {
  const trimmed = text.trim();
  if (!trimmed)
    throw new Error(
      'body: send a scenario name ("failures") or a full scenario as JSON',
    );
  if (!trimmed.startsWith('{') && !trimmed.startsWith('"')) return trimmed;
  const parsed = JSON.parse(trimmed);
  if (typeof parsed === 'string') return parsed;
  const keys = Object.keys(parsed ?? {});
  return keys.length === 1 && keys[0] === 'name' ? parsed.name : parsed;
}

/** Loopback-only controls for tests and demos: scenario switching and request counts. */
export function adminHandler(admin: AdminControls) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (!LOOPBACK.test(req.socket.remoteAddress ?? '')) {
      return sendJson(res, 403, {
        error: 'the admin endpoint only answers loopback clients',
      });
    }
    const path = (req.url ?? '/').split('?')[0];
    const key = `${req.method} ${path}`;
    try {
      switch (key) {
        case 'GET /healthz':
          return sendJson(res, 200, { ok: true });
        case 'GET /scenario':
          return sendJson(res, 200, admin.scenario());
        case 'PUT /scenario':
        case 'POST /scenario': {
          await admin.setScenario(parseScenarioBody(await readBody(req)));
          return sendJson(res, 200, admin.scenario());
        }
        case 'GET /counts':
          return sendJson(res, 200, admin.counter.snapshot());
        case 'POST /token': {
          if (!admin.rotateToken)
            return sendJson(res, 404, { error: 'this stand-in does not rotate tokens' });
          const body = JSON.parse((await readBody(req)) || '{}');
          admin.rotateToken(body.token, body.oldTokenValidForMs);
          return sendJson(res, 200, {});
        }
        case 'POST /counts/reset':
          admin.counter.reset();
          return sendJson(res, 200, {});
        default:
          return sendJson(res, 404, {
            error: `no admin route ${key}; try GET /scenario, PUT /scenario, GET /counts, POST /counts/reset, POST /token, GET /healthz`,
          });
      }
    } catch (e) {
      return sendJson(res, 400, { error: (e as Error).message });
    }
  };
}
