import type { NextConfig } from 'next';

// The browser talks to this origin only: /graphql and /auth/* are forwarded to the router by route
// handlers (src/app/graphql, src/app/auth) that read ROUTER_URL at run time — next.config rewrites
// are fixed at build time, and one build must serve any router address.
const config: NextConfig = {
  // tools/src/web.ts builds each version of the sources into its own folder and tells the server
  // which one to serve, so a new build never replaces files under a running server.
  distDir: process.env.AUTOLYTIQ_WEB_DIST_DIR || '.next',
  reactStrictMode: true,
  poweredByHeader: false,
  // The calc engine is TypeScript source shared with the server (payment grid in the browser).
  transpilePackages: ['@autolytiq/calc'],
  // `npm run typecheck` checks web/; the production build need not do it again.
  typescript: { ignoreBuildErrors: true },
  turbopack: { root: new URL('..', import.meta.url).pathname },
};

export default config;
