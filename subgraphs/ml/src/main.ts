// Process entry point of the ml subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { mlConfigSchema, startMlSubgraph } from './app.ts';

await runSubgraph('ml', mlConfigSchema, startMlSubgraph);
