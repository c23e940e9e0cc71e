// `npm start` restarts a crashed child with backoff and says so (processes.ts `supervise`), and a
// stopped one stays stopped.
import { spawn } from 'node:child_process';
import { expect, it } from 'vitest';
import { supervise, type Child } from '../src/processes.ts';

// A plain Node process that lives `ms`, then exits with code 3 (a crash); plain Node so that start-up
// time on a loaded machine does not blur the delays.
function crasher(name: string, ms: number): Child {
  const process_ = spawn(process.execPath, ['-e', `setTimeout(() => process.exit(3), ${ms})`], {
    stdio: 'ignore',
  });
  return { name, process: process_, tail: [] };
}

it('restarts a crashing child with doubling delays, says so each time, and stops for good', async () => {
  const said: string[] = [];
  const pids = new Set<number>();
  const held = supervise(
    'crashy',
    () => {
      const child = crasher('crashy', 0);
      pids.add(child.process.pid!);
      return child;
    },
    { onEvent: (m) => said.push(m), baseDelayMs: 100, maxDelayMs: 400, healthyAfterMs: 60_000 },
  );
  const end = Date.now() + 60_000;
  while (said.length < 4 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await held.stop();
  const after = said.length;
  expect(after).toBeGreaterThanOrEqual(4);
  expect(said[0]).toMatch(
    /^crashy exited with code 3 after [\d.]+ s; restarting in 0\.1 s \(restart 1\)$/,
  );
  // 0.1, 0.2, 0.4, then capped at 0.4.
  expect(said.slice(0, 4).map((m) => /restarting in ([\d.]+) s/.exec(m)![1])).toEqual([
    '0.1',
    '0.2',
    '0.4',
    '0.4',
  ]);
  // One process per start: the crashes counted, plus the one running when stopped (if any).
  expect(pids.size - held.restarts()).toBeGreaterThanOrEqual(0);
  expect(pids.size - held.restarts()).toBeLessThanOrEqual(1);
  await new Promise((r) => setTimeout(r, 700));
  expect(said.length).toBe(after); // stopped: no restart after stop()
}, 90_000);

it('a child that stayed up long enough restarts after the first delay again', async () => {
  const said: string[] = [];
  let crashAfter = 0;
  const held = supervise('steady', () => crasher('steady', crashAfter), {
    onEvent: (m) => {
      said.push(m);
      crashAfter = said.length >= 2 ? 1500 : 0; // the third run lives past healthyAfterMs
    },
    baseDelayMs: 100,
    healthyAfterMs: 1000,
  });
  const end = Date.now() + 60_000;
  while (said.length < 3 && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  await held.stop();
  expect(said.slice(0, 3).map((m) => /restarting in ([\d.]+) s/.exec(m)![1])).toEqual([
    '0.1',
    '0.2',
    '0.1',
  ]);
}, 90_000);
