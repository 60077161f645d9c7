import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';

export interface UpgradeGate {
  /** Which upgrade requests the gate checks; the others go on untouched. */
  applies(request: IncomingMessage): boolean;
  /** Whether the request may go on to the server's upgrade listeners. */
  allows(request: IncomingMessage): Promise<boolean>;
}

const GATED = Symbol.for('homelab.upgradeGate');

/**
 * Makes the server hand an upgrade request the gate applies to to its `upgrade` listeners
 * only once the gate allows it, and answer 401 otherwise. Listeners cannot be ordered
 * (each one sees every upgrade, and an async check races them), so the gate sits in front
 * of the event itself. Installed once per server.
 */
export function gateUpgrades(server: Server, gate: UpgradeGate): void {
  const marked = server as Server & { [GATED]?: true };
  if (marked[GATED]) return;
  marked[GATED] = true;
  const emit: (event: string, ...args: unknown[]) => boolean =
    server.emit.bind(server);
  server.emit = ((event: string, ...args: unknown[]) => {
    const [request, socket, head] = args as [IncomingMessage, Duplex, Buffer];
    if (event !== 'upgrade' || !gate.applies(request))
      return emit(event, ...args);
    gate.allows(request).then(
      allowed =>
        allowed ? emit(event, request, socket, head) : refuse(socket),
      () => refuse(socket),
    );
    return true;
  }) as Server['emit'];
}

function refuse(socket: Duplex): void {
  socket.end(
    'HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\nConnection: close\r\n\r\n',
    () => socket.destroy(),
  );
}
