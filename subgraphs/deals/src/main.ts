// Process entry point of the deals subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { dealsConfigSchema, startDealsSubgraph } from './app.ts';

await runSubgraph('deals', dealsConfigSchema, startDealsSubgraph);
