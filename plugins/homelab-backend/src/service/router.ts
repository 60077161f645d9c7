import type { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  composeDraftRequest,
  draftComposeService,
  MAX_COMPOSE_BYTES,
} from '../compose/draftComposeService';
import type { CutoverService } from '../cutover/CutoverService';
import type { HomeSummaryService } from '../home/HomeSummaryService';
import type { OllamaStatusService } from '../ollama/OllamaStatusService';
import { historyQuery } from '../ollama/window';
import type { PhasePlanService } from '../phases/PhasePlanService';
import type { ClusterSnapshot } from '../snapshot/types';

export interface RouterOptions {
  httpAuth: HttpAuthService;
  phases: PhasePlanService;
  ollama: OllamaStatusService;
  /** The shared reading of the cluster (nodes, pods of every namespace). */
  snapshot: ClusterSnapshot;
  cutover: CutoverService;
  /** The home page's shared summaries; GET /home. */
  home?: HomeSummaryService;
}

const planIdParams = z.object({
  id: z
    .string()
    .regex(
      /^[a-z0-9._~-]+$/,
      'id must be a plan id from GET /phases, e.g. docs~phases~phase-4.23-ollama',
    ),
});

const cutoverParams = z.object({
  planId: z
    .string()
    .regex(
      /^[a-z0-9._~-]+$/,
      'planId must be a plan id from GET /cutover, e.g. docs~phases~phase-4.24-karakeep',
    ),
});

function parse<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
  what: string,
): z.output<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new InputError(
      `Invalid ${what} ${issue.path.join('.') || ''}: ${issue.message}`.replace(
        '  ',
        ' ',
      ),
    );
  }
  return result.data;
}

/** The REST API under /api/homelab. Every route needs user or service credentials. */
export async function createRouter(
  options: RouterOptions,
): Promise<express.Router> {
  const { httpAuth, phases, ollama, cutover, home } = options;
  const router = Router();

  // The http router already refuses anonymous requests; this keeps it so if a policy is ever added.
  router.use(async (req, _res, next) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    next();
  });

  // Entities are read with the caller's credentials: no plan of an entity the catalog hides from them.
  router.get('/phases', async (req, res) => {
    res.json(await phases.list(await httpAuth.credentials(req)));
  });

  router.get('/phases/:id', async (req, res) => {
    const { id } = parse(planIdParams, req.params, 'path parameter');
    res.json(await phases.get(id, await httpAuth.credentials(req)));
  });

  // Shared results, filtered per caller: a plan none of whose entities the caller sees is 404.
  router.get('/cutover', async (req, res) => {
    res.json(await cutover.list(await httpAuth.credentials(req)));
  });

  router.get('/cutover/:planId', async (req, res) => {
    const { planId } = parse(cutoverParams, req.params, 'path parameter');
    res.json(await cutover.get(planId, await httpAuth.credentials(req)));
  });

  // Coalesced: concurrent requests share one evaluation, at most one per minimum gap.
  router.post('/cutover/:planId/check', async (req, res) => {
    const { planId } = parse(cutoverParams, req.params, 'path parameter');
    res.json(await cutover.check(planId, await httpAuth.credentials(req)));
  });

  // Computed once per interval for every viewer; each request only filters by what the caller may see.
  if (home) {
    router.get('/home', async (req, res) => {
      res.json(await home.summary(await httpAuth.credentials(req)));
    });
  }

  router.get('/ollama/status', async (_req, res) => {
    res.json(await ollama.status());
  });

  router.get('/ollama/history', async (req, res) => {
    const { window } = parse(historyQuery, req.query, 'query parameter');
    res.json(await ollama.history(window));
  });

  // The compose-migration form's preview of the imported draft, before the task runs.
  router.post(
    '/compose/draft',
    express.json({ limit: MAX_COMPOSE_BYTES * 2 }),
    async (req, res) => {
      const body = parse(composeDraftRequest, req.body ?? {}, 'request body');
      res.json(draftComposeService(body));
    },
  );

  return router;
}
