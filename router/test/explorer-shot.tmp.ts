import { startHarness } from './support.ts';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
const h = await startHarness();
const origin = new URL(h.router.url).origin;
const token = await h.jwks.sign();
console.log(origin, token.length);
try {
  const r = await promisify(execFile)(
    '/usr/bin/chromium',
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--window-size=1400,900',
      '--virtual-time-budget=10000',
      '--screenshot=/tmp/explorer.png',
      '--enable-logging=stderr',
      '--v=0',
      origin + '/',
    ],
    { timeout: 60000 },
  );
  console.log(
    r.stderr
      .split('\n')
      .filter((l) => /CONSOLE|Refused|error/i.test(l))
      .slice(0, 10)
      .join('\n'),
  );
} finally {
  await h.stop();
}
