/* global URL, AbortSignal, fetch -- a Node module for web/server.mjs, outside the TypeScript lint setup */
// The web server's own /health and /ready (Kubernetes probes, npm start's supervisor).
// /health: the process answers. /ready: 503 while draining on SIGTERM (the balancer stops sending
// new requests before the server closes); otherwise 200 — with `degraded` and `router: "down"` when
// the router cannot be reached, because pages still load and say "connection lost — retrying", and
// taking every web replica out for a router outage would turn it into a blank site. The router is
// asked at most once per `cacheMs`, within `timeoutMs`.
export function healthRoutes(routerBase, { timeoutMs = 1000, cacheMs = 2000 } = {}) {
  let draining = false;
  let last;
  const routerState = () => {
    const now = Date.now();
    if (!last || now - last.at >= cacheMs) {
      const state = fetch(new URL('/health', routerBase()), {
        signal: AbortSignal.timeout(timeoutMs),
      })
        .then(async (res) => {
          await res.body?.cancel();
          return res.ok ? 'up' : 'down';
        })
        .catch(() => 'down');
      last = { at: now, state };
    }
    return last.state;
  };
  const send = (res, status, body) => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };
  return {
    drain() {
      draining = true;
    },
    /** Answers /health and /ready; false for any other path. */
    handle(req, res) {
      const path = (req.url ?? '').split('?')[0];
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      if (path === '/health') {
        send(res, 200, { status: 'ok', service: 'web' });
        return true;
      }
      if (path !== '/ready') return false;
      if (draining) {
        send(res, 503, { status: 'stopping', service: 'web' });
        return true;
      }
      void routerState().then((router) =>
        send(res, 200, { status: router === 'up' ? 'ready' : 'degraded', service: 'web', router }),
      );
      return true;
    },
  };
}
