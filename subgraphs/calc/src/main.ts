// Process entry point of the calc subgraph.
import { createLogger, loadConfigOrExit, stopOnSignals } from '@autolytiq/kit';
import { calcConfigSchema, startCalcSubgraph } from './app.ts';

const config = loadConfigOrExit(calcConfigSchema);
const running = await startCalcSubgraph(config);
stopOnSignals(running.stop, createLogger('calc', config.LOG_LEVEL));
