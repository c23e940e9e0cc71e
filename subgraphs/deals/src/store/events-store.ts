// The deals schema's tables besides deals.deals, one store each: the history (deal-events-store),
// the settings (settings-store) and the outbox (outbox-store). Importers use this one module.
export * from './deal-events-store.ts';
export * from './settings-store.ts';
export * from './outbox-store.ts';
