import autocannon from 'autocannon';
import { pino } from 'pino';
import { startHarness } from './support.ts';
const h = await startHarness({
  logger: pino({ level: 'silent' }),
  limits: { maxDepth: 12, maxAliases: 30, maxCost: 10000, defaultListSize: 10 },
});
const token = await h.jwks.sign();
const run = async (url: string, query: string, headers: Record<string, string>) => {
  const r = await autocannon({
    url,
    method: 'POST',
    connections: 1,
    duration: 5,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query }),
  });
  return `p50=${r.latency.p50}ms p90=${r.latency.p90} avg=${r.latency.average.toFixed(3)} rps=${r.requests.average} non2xx=${r.non2xx}`;
};
const auth = { authorization: `Bearer ${token}` };
await run(h.router.url, '{ ping }', auth);
console.log(
  'direct ping ',
  await run(h.accounts.url, '{ ping }', { 'x-subgraph-secret': h.accounts.secret, ...auth }),
);
console.log('router ping ', await run(h.router.url, '{ ping }', auth));
console.log(
  'router me+dealership',
  await run(h.router.url, '{ me { id dealership { name } } }', auth),
);
await h.stop();
