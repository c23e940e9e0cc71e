// Public entry points of the inventory subgraph package.
export { startInventorySubgraph, inventoryConfigSchema, type InventoryConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
export { checkVin, computeCheckDigit, modelYearOf } from './domain/vin.ts';
export {
  createVinDecoder,
  OfflineVpicBackend,
  type VinDecodeResult,
} from './domain/vin-decoder.ts';
