import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody, RequestCounter, sendJson } from '../http';
import type { StepPosition } from '../scenario/steps';
import type { ResolvedScenario, ScenarioSpec } from '../scenario/types';

export interface AdminControls {
  scenario(): ResolvedScenario;
  setScenario(nameOrSpec: string | ScenarioSpec): Promise<void>;
  counter: RequestCounter;
  /** The API server accepts `next`; the old token stays valid `oldTokenValidForMs` (default: the sim's). */
  rotateToken?(next: string, oldTokenValidForMs?: number): void;
  /** Where a stepped scenario (e.g. cutover) is, and moving it. */
  step?(): StepPosition;
  advanceStep?(): StepPosition;
  setStep?(step: number | string): StepPosition;
}

/** `2`, `applied`, `"applied"` or `{"step": 2}`. */
function parseStepBody(text: string): number | string {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed);
  if (!trimmed.startsWith('{') && !trimmed.startsWith('"')) {
    if (trimmed) return trimmed;
  } else {
    const parsed = JSON.parse(trimmed);
    const step = typeof parsed === 'object' && parsed ? parsed.step : parsed;
    if (typeof step === 'number' || typeof step === 'string') return step;
  }
  throw new Error('body: send a step index (2), a step name, or {"step": 2}');
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
        case 'GET /step':
        case 'POST /step/next':
        case 'PUT /step':
        case 'POST /step': {
          if (!admin.step || !admin.advanceStep || !admin.setStep)
            return sendJson(res, 404, { error: 'this stand-in has no scenario steps' });
          if (key === 'GET /step') return sendJson(res, 200, admin.step());
          if (key === 'POST /step/next')
            return sendJson(res, 200, admin.advanceStep());
          return sendJson(res, 200, admin.setStep(parseStepBody(await readBody(req))));
        }
        case 'GET /counts':
          return sendJson(res, 200, admin.counter.snapshot());
        case 'POST /token': {
          if (!admin.rotateToken)
            return sendJson(res, 404, {
              error: 'this stand-in does not rotate tokens',
            });
          const body = JSON.parse((await readBody(req)) || '{}');
          admin.rotateToken(body.token, body.oldTokenValidForMs);
          return sendJson(res, 200, {});
        }
        case 'POST /counts/reset':
          admin.counter.reset();
          return sendJson(res, 200, {});
        default:
          return sendJson(res, 404, {
            error: `no admin route ${key}; try GET /scenario, PUT /scenario, GET /step, POST /step/next, PUT /step, GET /counts, POST /counts/reset, POST /token, GET /healthz`,
          });
      }
    } catch (e) {
      return sendJson(res, 400, { error: (e as Error).message });
    }
  };
}
