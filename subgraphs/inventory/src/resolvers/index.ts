// Thin resolvers over VehicleService.
import { entityLoader, requirePrincipal, type RequestContext } from '@autolytiq/kit';
import type { Resolvers } from '../generated/resolvers-types.ts';
import type { ImportJobs } from '../domain/import-jobs.ts';
import type { VehicleService } from '../domain/vehicle-service.ts';
import { checkVin } from '../domain/vin.ts';

/** One SQL query per request for all the vehicles `_entities` (or anything else) asks for. */
const vehicles = (service: VehicleService, ctx: RequestContext) =>
  entityLoader(ctx, 'vehicles', (ids, principal) => service.byIds(principal, ids));

export function createResolvers(service: VehicleService, jobs: ImportJobs): Resolvers {
  return {
    Query: {
      vehicle: (_p, { id }, ctx) => service.byId(requirePrincipal(ctx), id),
      vehicleByVin: (_p, { vin }, ctx) => service.byVin(requirePrincipal(ctx), vin),
      vehicles: (_p, { filter, sort, first, after }, ctx) =>
        service.search(
          requirePrincipal(ctx),
          filter,
          sort ?? 'DAYS_IN_STOCK_ASC',
          first ?? 25,
          after,
        ),
      checkVin: (_p, { vin }, ctx) => {
        requirePrincipal(ctx);
        return checkVin(vin);
      },
      decodeVin: (_p, { vin }, ctx) => {
        requirePrincipal(ctx);
        return service.decoder.decode(vin);
      },
      vehicleImportJob: (_p, { id }, ctx) => jobs.get(requirePrincipal(ctx), id),
    },
    Mutation: {
      addVehicle: (_p, { input }, ctx) => service.add(requirePrincipal(ctx), input),
      addVehicleByVin: (_p, { input }, ctx) => service.addByVin(requirePrincipal(ctx), input),
      updateVehicle: (_p, { input }, ctx) => {
        const { id, version, ...patch } = input;
        return service.update(requirePrincipal(ctx), id, version, patch);
      },
      importVehicles: (_p, { csv }, ctx) =>
        service.importCsv(requirePrincipal(ctx), csv, async (_em, p) => {
          ctx.logger.info({ done: p.processedRows, total: p.rows }, 'vehicle import progress');
        }),
      startVehicleImport: (_p, { csv }, ctx) => jobs.start(requirePrincipal(ctx), csv),
      deleteVehicle: (_p, { id, version }, ctx) =>
        service.remove(requirePrincipal(ctx), id, version),
      applyDealVehicleStatus: (_p, { input }, ctx) =>
        service.applyDealStatus(requirePrincipal(ctx), input),
    },
    VehicleImportJob: {
      progress: (job) => (job.rows === 0 ? 1 : job.processedRows / job.rows),
    },
    Vehicle: {
      __resolveReference: (ref, ctx) => vehicles(service, ctx).load(ref.id),
    },
  };
}
