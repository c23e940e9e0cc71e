// A Redis of its own for tests and the fault suite (`redis-server` from the OS, on a free loopback
// port, nothing persisted): never the machine's shared 6379, whose keys other runs use too.
import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './embedded-postgres.ts';

export interface RunningRedis {
  url: string;
  port: number;
  /** Stops the server (SIGTERM, then SIGKILL) — an outage until `start()`. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was persisted). */
  start(): Promise<void>;
}

export async function startRedis(port = 0): Promise<RunningRedis> {
  const bound = port === 0 ? await freePort() : port;
  let child: ChildProcess | undefined;
  const start = async () => {
    child = spawn(
      process.env.REDIS_SERVER ?? 'redis-server',
      ['--port', String(bound), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
      { stdio: 'ignore' },
    );
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null) throw new Error(`redis-server exited (${child.exitCode})`);
      if (await answersPing(bound)) return;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`redis-server not answering on ${bound}`);
  };
  const stop = async () => {
    const p = child;
    if (!p || p.exitCode !== null || p.signalCode !== null) return;
    const exited = new Promise<void>((r) => p.once('exit', () => r()));
    p.kill('SIGTERM');
    const timer = setTimeout(() => p.kill('SIGKILL'), 5000);
    await exited;
    clearTimeout(timer);
  };
  await start();
  return { url: `redis://127.0.0.1:${bound}`, port: bound, stop, start };
}

function answersPing(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: '127.0.0.1', port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.once('error', () => done(false));
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.once('data', (d) => done(d.toString().startsWith('+PONG')));
    socket.setTimeout(1000, () => done(false));
  });
}
