// Process entry point of the admin subgraph.
import { runSubgraph } from '@autolytiq/kit';
import { adminConfigSchema, startAdminSubgraph } from './app.ts';

await runSubgraph('admin', adminConfigSchema, startAdminSubgraph);
