// Process entry point of the ai subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { aiConfigSchema, startAiSubgraph } from './app.ts';

await runSubgraph('ai', aiConfigSchema, startAiSubgraph);
