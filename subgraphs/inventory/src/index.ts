// Public entry points of the inventory subgraph package.
export { startInventorySubgraph, inventoryConfigSchema, type InventoryConfig } from './app.ts';
export { migrations } from './migrations/index.ts';
export { checkVin, computeCheckDigit, modelYearOf } from './domain/vin.ts';
export {
  createVinDecoder,
  OfflineVpicBackend,
  type VinDecodeResult,
} from './domain/vin-decoder.ts';
// The demo seed (tools/src/demo) writes its vehicles through the same service as the API.
export { VehicleService } from './domain/vehicle-service.ts';
export type { VehicleInput, VehicleRecord } from './domain/vehicles.ts';
