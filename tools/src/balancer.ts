// A loopback TCP balancer in front of the replicas of one process (what a Kubernetes Service does for
// the test system): each incoming connection goes to the next backend in turn. A backend that refuses
// the connection (stopped, killed, restarting) is skipped for that connection and the next one is
// tried, so a dead replica costs no failed request while another one is up. Plain TCP, so HTTP
// keep-alive and WebSocket upgrades pass through untouched.
import { createServer, connect, type Server, type Socket } from 'node:net';

export interface Balancer {
  port: number;
  url: string;
  /** Connections sent to each backend since the start (load-spread checks). */
  counts(): number[];
  close(): Promise<void>;
}

export async function startBalancer(backendPorts: number[], port = 0): Promise<Balancer> {
  const counts = backendPorts.map(() => 0);
  const open = new Set<Socket>();
  let next = 0;
  const tryBackend = (client: Socket, attempt: number): void => {
    if (attempt >= backendPorts.length) {
      client.destroy();
      return;
    }
    const index = next++ % backendPorts.length;
    const upstream = connect({ host: '127.0.0.1', port: backendPorts[index]! });
    open.add(upstream);
    upstream.once('close', () => open.delete(upstream));
    const refused = () => {
      upstream.destroy();
      tryBackend(client, attempt + 1);
    };
    upstream.once('error', refused);
    upstream.once('connect', () => {
      upstream.off('error', refused);
      counts[index]!++;
      upstream.on('error', () => client.destroy());
      client.on('error', () => upstream.destroy());
      client.pipe(upstream);
      upstream.pipe(client);
      client.resume();
    });
  };
  const server: Server = createServer({ pauseOnConnect: true }, (client) => {
    open.add(client);
    client.once('close', () => open.delete(client));
    client.on('error', () => undefined);
    tryBackend(client, 0);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const bound = typeof address === 'object' && address ? address.port : port;
  return {
    port: bound,
    url: `http://127.0.0.1:${bound}`,
    counts: () => [...counts],
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
