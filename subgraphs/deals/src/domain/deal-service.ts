// The deal service the resolvers, the demo seed and the tests use. It is layered by seam, one small
// file each (each class adds one kind of work to the one below):
//   deal-base.ts       DealBase            database, graph, caller, the reads writes start from
//   deal-queries.ts    DealQueries         reads, the list and its cursor
//   deal-settings.ts   DealSettingsService the dealership's deal settings
//   deal-edit-path.ts  DealEditPath        the one edit path (lock, version, recompute, event)
//   deal-writes.ts     DealWrites          open and edit a deal
//   scenario-writes.ts DealScenarioWrites  desk scenarios
//   transitions.ts     DealTransitions     status moves (submit … deliver) and what they cause
import { DealTransitions } from './transitions.ts';

export { diffTerms } from './deal-edits.ts';
export { lockForWrite, staleVersion, taxAddress, today, type Caller } from './deal-base.ts';

export class DealService extends DealTransitions {}
