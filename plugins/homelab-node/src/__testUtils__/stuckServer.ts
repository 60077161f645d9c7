import http from 'node:http';
import net from 'node:net';

export interface StuckServer {
  url: string;
  close(): Promise<void>;
}

/**
 * A loopback server that misbehaves: `silent` accepts the connection and never
 * sends a byte; `endless` answers 200 and streams a JSON-looking body forever.
 */
export async function startStuckServer(
  kind: 'silent' | 'endless',
): Promise<StuckServer> {
  const sockets = new Set<net.Socket>();
  const server =
    kind === 'silent'
      ? net.createServer(() => undefined)
      : http.createServer((_req, res) => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.write('{"items":["');
          const chunk = 'x'.repeat(64 * 1024);
          const timer = setInterval(() => res.write(chunk), 1);
          res.on('close', () => clearInterval(timer));
        });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise(resolve => server.close(resolve));
    },
  };
}
