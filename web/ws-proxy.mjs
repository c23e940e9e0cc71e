/* global process, URL -- a Node module for web/server.mjs, outside the TypeScript lint setup */
// Same-origin WebSocket for the browser: an upgrade of /graphql on the web server is relayed, bytes
// as they are, to the router's /graphql (ROUTER_URL, read at run time), so graphql-ws subscriptions
// reach the router without the browser knowing where it is. The router sees the browser's address
// in X-Forwarded-For (the web server is a trusted loopback proxy, as for HTTP). Authentication is
// the access token in graphql-ws's connection_init, never a cookie, so another site's page opening
// this socket gains nothing.
import http from 'node:http';

export function routerBase() {
  return (process.env.ROUTER_URL ?? 'http://127.0.0.1:4000')
    .replace(/\/graphql\/?$/, '')
    .replace(/\/$/, '');
}

const HOP_BY_HOP = new Set(['host', 'x-forwarded-for']);

/**
 * Relays an `upgrade` of /graphql to the router. Returns false for other paths (not handled).
 * `forwardedFor` is the address to report (the socket's, or a trusted header's).
 */
export function proxyWebSocket(req, socket, head, forwardedFor, base = routerBase()) {
  const path = (req.url ?? '').split('?')[0];
  if (path !== '/graphql') return false;
  const target = new URL(`${base}/graphql`);
  const headers = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (!HOP_BY_HOP.has(name) && value !== undefined) headers[name] = value;
  }
  headers.host = target.host;
  headers['x-forwarded-for'] = forwardedFor;
  const upstream = http.request({
    hostname: target.hostname,
    port: target.port,
    path: target.pathname,
    method: 'GET',
    headers,
  });
  const fail = () => {
    if (!socket.destroyed) socket.end('HTTP/1.1 502 Bad Gateway\r\nConnection: close\r\n\r\n');
  };
  upstream.on('error', fail);
  socket.on('error', () => upstream.destroy());
  upstream.on('response', (res) => {
    // The router refused the upgrade (e.g. wrong path): pass its status on and close.
    socket.end(`HTTP/1.1 ${res.statusCode} ${res.statusMessage}\r\nConnection: close\r\n\r\n`);
    res.resume();
  });
  upstream.on('upgrade', (res, upstreamSocket, upstreamHead) => {
    const lines = [`HTTP/1.1 101 ${res.statusMessage || 'Switching Protocols'}`];
    for (let i = 0; i < res.rawHeaders.length; i += 2) {
      lines.push(`${res.rawHeaders[i]}: ${res.rawHeaders[i + 1]}`);
    }
    socket.write(`${lines.join('\r\n')}\r\n\r\n`);
    if (upstreamHead?.length) socket.write(upstreamHead);
    if (head?.length) upstreamSocket.write(head);
    upstreamSocket.pipe(socket);
    socket.pipe(upstreamSocket);
    const close = () => {
      upstreamSocket.destroy();
      socket.destroy();
    };
    upstreamSocket.on('close', close);
    socket.on('close', close);
    upstreamSocket.on('error', close);
  });
  upstream.end();
  return true;
}
