// Process entry: `npx tsx router/src/main.ts`. Configuration comes from the environment (see
// router/README.md); a missing or invalid variable stops the process (exit 78) naming it.
import { createLogger, loadConfigOrExit } from '@autolytiq/kit/core';
import { routerConfigFromParsedEnv, routerEnvSchema } from './config.ts';
import { createRouter, type RunningRouter } from './router.ts';
import { DEFAULT_SUPERGRAPH_PATH, loadSupergraph } from './supergraph.ts';

process.env.APOLLO_TELEMETRY_DISABLED = '1';
process.env.METADATA_SERVER_DETECTION = 'none';

// Which SUBGRAPH_<NAME>_SECRET variables are required depends on the supergraph, so read it first.
function graphsOrExit() {
  const path = process.env.SUPERGRAPH_PATH || DEFAULT_SUPERGRAPH_PATH;
  try {
    return loadSupergraph(path).graphs;
  } catch (error) {
    process.stderr.write(
      `Invalid configuration:\n  SUPERGRAPH_PATH: ${(error as Error).message}\n`,
    );
    process.exit(78);
  }
}

const graphs = graphsOrExit();
const config = routerConfigFromParsedEnv(loadConfigOrExit(routerEnvSchema(graphs)), graphs);
const logger = createLogger('router', config.logLevel);
// Set once started; the signal handlers are installed before, so a signal during start-up is handled.
const running: { router?: RunningRouter } = {};
let stopping = false;

function shutdown(signal: NodeJS.Signals): void {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  const { router } = running;
  if (!router) process.exit(0); // still starting: nothing in flight to drain
  // A stuck drain must not keep the process alive forever.
  setTimeout(() => process.exit(1), 15_000).unref();
  router.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
}

process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
try {
  running.router = await createRouter({ ...config, logger });
} catch (error) {
  logger.fatal({ err: error }, 'router failed to start');
  process.exit(1);
}
