import type {
  AuditorService,
  HttpAuthService,
} from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type express from 'express';
import Router from 'express-promise-router';
import type { GitopsMergeService } from './GitopsMergeService';

const NAME = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

function scaffoldName(params: { name?: string }): string {
  const name = params.name ?? '';
  if (!NAME.test(name)) {
    throw new InputError(
      `name: "${name.slice(
        0,
        70,
      )}" is not a scaffold branch name; the path is /gitops/branches/scaffold/<service name>, a DNS-1123 label`,
    );
  }
  return name;
}

/**
 * `GET /gitops/branches/scaffold/:name` (the branch, its files and whether the caller may
 * merge it) and `POST …/merge`. Only `scaffold/*` branches: the portal never merges others.
 * Users only: a merge is a person's decision, with their name on the commit.
 */
export function createGitopsRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  merges: GitopsMergeService;
}): express.Router {
  const { httpAuth, auditor, merges } = options;
  const router = Router();

  router.get('/gitops/branches/scaffold/:name', async (req, res) => {
    const name = scaffoldName(req.params);
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    res.json(await merges.status(name, credentials));
  });

  router.post('/gitops/branches/scaffold/:name/merge', async (req, res) => {
    const name = scaffoldName(req.params);
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    // A merge changes what the cluster is reconciled from: an audit event either way.
    const event = await auditor.createEvent({
      eventId: 'gitops-merge',
      severityLevel: 'medium',
      request: req,
      meta: { branch: `scaffold/${name}` },
    });
    try {
      const result = await merges.merge(name, credentials);
      await event.success({
        meta: { commit: result.commit, method: result.method },
      });
      res.json(result);
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  });

  return router;
}
