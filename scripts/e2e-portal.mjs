// Starts the end-to-end portal and keeps it running, for writing and debugging browser tests:
// `node scripts/e2e-portal.mjs`, then `node --test e2e/<file>.test.ts` in another shell.
import { startTestPortal } from './lib/testPortal.mjs';

const portal = await startTestPortal();
console.log(`portal ready at ${portal.env.E2E_BASE_URL} (backend log: ${portal.backendLog}); Ctrl-C stops it`);
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, async () => {
    await portal.stop();
    process.exit(0);
  });
}
