// Child processes of the runner: each subgraph and the router run as their own Node process (as
// they would in production), awaited on /ready. Started from their TypeScript sources with tsx on
// the project's Node 24 (tests, development), or as compiled JavaScript with plain Node when the
// entry is a `.js` file of a build (build.ts; `npm start`).
import { spawn, type ChildProcess } from 'node:child_process';
import { ROOT } from './compose.ts';

export interface Child {
  name: string;
  process: ChildProcess;
  /** Last lines of output, for the error message when it dies at start. */
  tail: string[];
}

const TSX = `${ROOT}node_modules/.bin/tsx`;

export function startChild(
  name: string,
  entry: string,
  env: Record<string, string>,
  onLine?: (name: string, line: string) => void,
): Child {
  // CHILD_NODE_ARGS (e.g. "--cpu-prof --cpu-prof-dir=…") are Node options for every child: tsx's
  // own launcher would take them for itself, so Node is started with tsx as its loader instead.
  const nodeArgs = process.env.CHILD_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const compiled = entry.endsWith('.js');
  const command = compiled || nodeArgs.length ? process.execPath : TSX;
  const args = compiled
    ? [...nodeArgs, entry]
    : nodeArgs.length
      ? [...nodeArgs, '--import', 'tsx', entry]
      : [entry];
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const tail: string[] = [];
  const collect = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (!line) continue;
      tail.push(line);
      if (tail.length > 40) tail.shift();
      onLine?.(name, line);
    }
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  return { name, process: child, tail };
}

// Starting a child compiles it with tsx: a few CPU seconds alone, but on two cores shared with other
// test files starting their own systems it can take far longer. READY_TIMEOUT_MS overrides.
const READY_TIMEOUT_MS = Number(process.env.READY_TIMEOUT_MS) || 90_000;

/** Polls `url` until it answers 200, the child exits, or the timeout passes. */
export async function waitReady(
  child: Child,
  url: string,
  timeoutMs: number | undefined = READY_TIMEOUT_MS,
): Promise<void> {
  timeoutMs ??= READY_TIMEOUT_MS;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.process.exitCode !== null) {
      throw new Error(
        `${child.name} exited with code ${child.process.exitCode}:\n${child.tail.join('\n')}`,
      );
    }
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(
    `${child.name} not ready at ${url} after ${timeoutMs} ms:\n${child.tail.join('\n')}`,
  );
}

/** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
export async function stopChild(child: Child, graceMs = 10_000): Promise<void> {
  const p = child.process;
  if (p.exitCode !== null || p.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => p.once('exit', () => resolve()));
  p.kill('SIGTERM');
  const timer = setTimeout(() => p.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** A child that is started again when it dies on its own (`npm start`), with backoff. */
export interface Supervised {
  name: string;
  /** The process running now (a new one after each restart). */
  current(): Child;
  /** Restarts so far. */
  restarts(): number;
  /** Stops it for good: no restart after this. */
  stop(): Promise<void>;
}

export interface SuperviseOptions {
  /** Told about each crash and restart, in words for the operator. */
  onEvent: (message: string) => void;
  /** First delay; doubles per crash in a row up to `maxDelayMs` (defaults 1 s, 30 s). */
  baseDelayMs?: number;
  maxDelayMs?: number;
  /** Up this long, a process counts as healthy again: the next crash waits `baseDelayMs` (60 s). */
  healthyAfterMs?: number;
}

/**
 * Runs `start()` and starts it again whenever the process exits without being asked to: 1 s, 2 s,
 * 4 s … 30 s between tries while it keeps crashing, back to 1 s once it has stayed up a minute. A
 * crash loop therefore costs little CPU and says so each time; a one-off crash is back within ~1 s.
 */
export function supervise(name: string, start: () => Child, opts: SuperviseOptions): Supervised {
  const base = opts.baseDelayMs ?? 1000;
  const max = opts.maxDelayMs ?? 30_000;
  const healthyAfter = opts.healthyAfterMs ?? 60_000;
  let stopping = false;
  let inARow = 0;
  let restarts = 0;
  let timer: NodeJS.Timeout | undefined;
  let child: Child;
  const run = () => {
    const startedAt = Date.now();
    child = start();
    child.process.once('exit', (code, signal) => {
      if (stopping) return;
      if (Date.now() - startedAt >= healthyAfter) inARow = 0;
      const delay = Math.min(max, base * 2 ** inARow);
      inARow++;
      restarts++;
      const how = signal ? `was killed (${signal})` : `exited with code ${code}`;
      opts.onEvent(
        `${name} ${how} after ${((Date.now() - startedAt) / 1000).toFixed(1)} s; restarting in ${(delay / 1000).toFixed(1)} s (restart ${restarts})`,
      );
      timer = setTimeout(() => {
        timer = undefined;
        if (!stopping) run();
      }, delay);
    });
  };
  run();
  return {
    name,
    current: () => child,
    restarts: () => restarts,
    stop: async () => {
      stopping = true;
      if (timer) clearTimeout(timer);
      await stopChild(child);
    },
  };
}
