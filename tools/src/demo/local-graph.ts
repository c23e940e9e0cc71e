// The deals service asks "the graph" about a deal's customers and vehicle, as the caller. The seed
// runs before the router exists, so it answers those questions in-process from the customers and
// inventory services themselves — with the same rules (tenant from the caller, cost only with
// inventory.write, the same address check) the router path would apply.
import { AppError, notFound, type Principal } from '@autolytiq/kit';
import type { CustomerService } from '@autolytiq/customers';
import type { CustomerFacts, GraphClient, VehicleFacts } from '@autolytiq/deals';
import type { VehicleService } from '@autolytiq/inventory';

export function localGraph(
  customers: CustomerService,
  vehicles: VehicleService,
  /** The seed's callers by the "token" it hands the deals service (their username). */
  principals: ReadonlyMap<string, Principal>,
): GraphClient {
  const principalOf = (token: string) => {
    const p = principals.get(token);
    if (!p) throw new AppError('UNAUTHENTICATED', `unknown seed caller ${token}`);
    return p;
  };

  async function customerFacts(p: Principal, ids: string[]): Promise<Map<string, CustomerFacts>> {
    const found = new Map<string, CustomerFacts>();
    for (const id of new Set(ids)) {
      const c = await customers.get(p, id);
      if (!c) throw notFound(`Customer ${id} not found.`);
      found.set(id, { id, addresses: c.addresses });
    }
    return found;
  }

  async function vehicleFacts(p: Principal, id: string): Promise<VehicleFacts> {
    const v = await vehicles.byId(p, id);
    if (!v) throw notFound(`Vehicle ${id} not found.`);
    const withCost = p.permissions.includes('inventory.write');
    return {
      id: v.id,
      status: v.status as VehicleFacts['status'],
      condition: v.condition as VehicleFacts['condition'],
      msrp: v.msrp,
      listPrice: v.listPrice,
      cost: withCost ? v.cost : null,
    };
  }

  return {
    async refs(caller, customerIds, vehicleId) {
      const p = principalOf(caller.token);
      return {
        customers: await customerFacts(p, customerIds),
        vehicle: await vehicleFacts(p, vehicleId),
      };
    },
    customers: (caller, ids) => customerFacts(principalOf(caller.token), ids),
    vehicle: (caller, id) => vehicleFacts(principalOf(caller.token), id),
    async vehicleCosts(caller, ids) {
      const p = principalOf(caller.token);
      const costs = new Map<string, VehicleFacts['cost']>();
      for (const id of ids) costs.set(id, (await vehicleFacts(p, id)).cost);
      return costs;
    },
    // A freshly seeded dealership has loaded no local tax rates of its own (calc's table is empty).
    localRate: async () => null,
    // The two raw questions the submit transition asks (by operation name).
    async request<T>(token: string, _requestId: string, query: string, variables: object) {
      const p = principalOf(token);
      const vars = variables as Record<string, unknown>;
      if (query.includes('DealBuyerAddress')) {
        const c = await customers.get(p, vars.id as string);
        return { customer: c ? { id: c.id, addresses: c.addresses } : null } as T;
      }
      if (query.includes('DealValidateAddress')) {
        const a = vars.a as Parameters<CustomerService['validateAddress']>[0];
        return { validateAddress: await customers.validateAddress(a) } as T;
      }
      throw new AppError('INTERNAL', `the demo seed does not answer ${query.slice(0, 40)}…`);
    },
  };
}
