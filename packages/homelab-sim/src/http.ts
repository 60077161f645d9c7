import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export function listen(
  server: Server,
  port: number,
  host: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });
}

export function closeServer(server: Server): Promise<void> {
  return new Promise(resolve => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

export function readBody(
  req: IncomingMessage,
  limit = 10 * 2 ** 20,
): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit)
        reject(new Error(`request body larger than ${limit} bytes`));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendJson(res: ServerResponse, code: number, body: unknown) {
  const text = JSON.stringify(body);
  res.writeHead(code, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

export function sendText(res: ServerResponse, code: number, text: string) {
  res.writeHead(code, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** Counts requests per "<server> <METHOD> <path>". */
export class RequestCounter {
  private counts: Record<string, number> = {};

  record(server: string, method: string, url: string) {
    const key = `${server} ${method} ${url.split('?')[0]}`;
    this.counts[key] = (this.counts[key] ?? 0) + 1;
  }

  snapshot(): Record<string, number> {
    return { ...this.counts };
  }

  reset() {
    this.counts = {};
  }
}
