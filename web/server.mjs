/* global process, console, setTimeout -- a Node script, outside the TypeScript lint setup */
// Serves the production build of the web app (npm start and the browser tests run this, not
// `next start`). A custom server for one reason: the browser is the edge, so the X-Forwarded-For that
// reaches the router (which believes its loopback proxies) must be the address the browser really
// connects from. Next's own server keeps whatever X-Forwarded-For a client sends, so a script could
// pick a new "address" for every sign-in attempt and never meet the per-address limit.
// Behind a load balancer that sets the header itself, WEB_TRUST_FORWARDED_FOR=1 keeps it.
import http from 'node:http';
import next from 'next';
import { healthRoutes } from './health.mjs';
import { proxyWebSocket, routerBase } from './ws-proxy.mjs';

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? '127.0.0.1';
const trustForwardedFor = process.env.WEB_TRUST_FORWARDED_FOR === '1';

const app = next({ dev: false, dir: import.meta.dirname, hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const health = healthRoutes(routerBase);
const server = http.createServer((req, res) => {
  if (health.handle(req, res)) return;
  if (!trustForwardedFor) req.headers['x-forwarded-for'] = req.socket.remoteAddress ?? '';
  void handle(req, res);
});
// graphql-ws subscriptions: /graphql upgrades go to the router (ws-proxy.mjs); no other path upgrades.
// Upgrades are handled here only: Next attaches its own 'upgrade' listener to the server of the first
// request it sees, and that one ends every socket it does not know (ours included).
const onUpgrade = (req, socket, head) => {
  const forwardedFor = trustForwardedFor
    ? (req.headers['x-forwarded-for'] ?? req.socket.remoteAddress ?? '')
    : (req.socket.remoteAddress ?? '');
  if (!proxyWebSocket(req, socket, head, String(forwardedFor))) socket.destroy();
};
const emit = server.emit.bind(server);
server.emit = (event, ...args) => {
  if (event !== 'upgrade') return emit(event, ...args);
  onUpgrade(...args);
  return true;
};
server.listen(port, hostname, () => {
  console.log(`web app ready on http://${hostname}:${port}`);
});
for (const signal of ['SIGTERM', 'SIGINT']) {
  process.once(signal, () => {
    health.drain(); // /ready answers 503 from now on
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref(); // keep-alive sockets must not hold the exit
  });
}
