// Process entry point of the auth subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { authConfigSchema, startAuthSubgraph } from './app.ts';

await runSubgraph('auth', authConfigSchema, startAuthSubgraph);
