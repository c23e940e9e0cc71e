// Process entry point of the calc subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { calcConfigSchema, startCalcSubgraph } from './app.ts';

await runSubgraph('calc', calcConfigSchema, startCalcSubgraph);
