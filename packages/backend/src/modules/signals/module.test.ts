import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  mockCredentials,
  startTestBackend,
} from '@backstage/backend-test-utils';
import signalsPlugin from '@backstage/plugin-signals-backend';
import { signalsModuleUserUpgrades } from './module';

/**
 * The WebSocket opening handshake (RFC 6455 section 4.1) against /api/signals; resolves
 * with the status the server answers (101 when it switches to the WebSocket protocol),
 * or 0 when it answers nothing within 2 s.
 */
function handshake(port: number, protocol?: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = http.request({
      host: '127.0.0.1',
      port,
      path: '/api/signals',
      headers: {
        Connection: 'Upgrade',
        Upgrade: 'websocket',
        'Sec-WebSocket-Version': '13',
        'Sec-WebSocket-Key': randomBytes(16).toString('base64'),
        ...(protocol ? { 'Sec-WebSocket-Protocol': protocol } : {}),
      },
    });
    request.on('upgrade', (response, socket) => {
      socket.destroy();
      resolve(response.statusCode!);
    });
    request.on('response', response => {
      response.resume();
      resolve(response.statusCode!);
    });
    request.on('error', reject);
    request.setTimeout(2_000, () => {
      request.destroy();
      resolve(0);
    });
    request.end();
  });
}

/**
 * A user's client connects. Upstream subscribes to the server's upgrades while it handles
 * the first upgrade request, which it then leaves unanswered, so the client (like the
 * frontend's signals client) tries again.
 */
async function userConnects(port: number): Promise<number> {
  let status = 0;
  for (let attempt = 0; attempt < 3 && status !== 101; attempt++) {
    status = await handshake(port, mockCredentials.user.token());
  }
  return status;
}

async function start(withModule: boolean) {
  const backend = await startTestBackend({
    features: withModule
      ? [signalsPlugin, signalsModuleUserUpgrades]
      : [signalsPlugin],
  });
  return {
    backend,
    port: (backend.server.address() as AddressInfo).port,
  };
}

describe('the signals WebSocket', () => {
  jest.setTimeout(30_000);

  it('refuses an upgrade without a token, before and after a user has connected', async () => {
    const { backend, port } = await start(true);
    try {
      expect(await handshake(port)).toBe(401);
      expect(await userConnects(port)).toBe(101);
      expect(await handshake(port)).toBe(401);
      expect(await userConnects(port)).toBe(101);
    } finally {
      await backend.stop();
    }
  });

  it('refuses a service token and a forged token', async () => {
    const { backend, port } = await start(true);
    try {
      expect(await userConnects(port)).toBe(101);
      expect(await handshake(port, mockCredentials.service.token())).toBe(401);
      expect(await handshake(port, 'forged-token')).toBe(401);
      expect(await handshake(port, mockCredentials.user.invalidToken())).toBe(
        401,
      );
    } finally {
      await backend.stop();
    }
  });

  it('is open to anonymous subscribers without this module (what upstream does)', async () => {
    const { backend, port } = await start(false);
    try {
      expect(await userConnects(port)).toBe(101);
      expect(await handshake(port)).toBe(101);
    } finally {
      await backend.stop();
    }
  });
});
