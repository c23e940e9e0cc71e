// Process entry point of the deals subgraph.
import { createLogger, loadConfigOrExit, stopOnSignals } from '@autolytiq/kit';
import { dealsConfigSchema, startDealsSubgraph } from './app.ts';

const config = loadConfigOrExit(dealsConfigSchema);
const running = await startDealsSubgraph(config);
stopOnSignals(
  async () => {
    await running.services.relay?.stop();
    await running.stop();
  },
  createLogger('deals', config.LOG_LEVEL),
);
