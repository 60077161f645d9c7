import type { IncomingMessage, Server } from 'node:http';
import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { gateUpgrades } from './upgradeGate';

/**
 * The signals WebSocket for signed-in users only. Upstream accepts an upgrade without a
 * token as an anonymous subscriber (it lets every request to /api/signals through
 * unauthenticated); here an upgrade to it needs a valid user token in the
 * Sec-WebSocket-Protocol header, which is how the frontend's signals client sends its
 * credentials. Refused upgrades get 401.
 */
export const signalsModuleUserUpgrades = createBackendModule({
  pluginId: 'signals',
  moduleId: 'homelab-user-upgrades',
  register(reg) {
    reg.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        auth: coreServices.auth,
        discovery: coreServices.discovery,
        logger: coreServices.logger,
      },
      async init({ httpRouter, auth, discovery, logger }) {
        const apiUrl = await discovery.getBaseUrl('signals');
        const gate = {
          // The same test as upstream's upgrade handler, so every upgrade it takes is checked.
          applies: (request: IncomingMessage) =>
            Boolean(request.url) && apiUrl.endsWith(request.url!),
          allows: async (request: IncomingMessage) => {
            const token = request.headers['sec-websocket-protocol'];
            if (!token) return false;
            try {
              const credentials = await auth.authenticate(token);
              return auth.isPrincipal(credentials, 'user');
            } catch (error) {
              logger.debug(`Refused a signals upgrade: ${error}`);
              return false;
            }
          },
        };
        // Modules register before their plugin, so this runs ahead of upstream's router,
        // which subscribes to the server's upgrades on the first upgrade request it sees.
        httpRouter.use(async (req, res, next) => {
          const server = (req.socket as { server?: Server }).server;
          if (server) gateUpgrades(server, gate);
          const upgrade = req.headers.upgrade?.toLowerCase() === 'websocket';
          if (upgrade && !(await gate.allows(req))) {
            res.status(401).end();
            return;
          }
          next();
        });
      },
    });
  },
});
