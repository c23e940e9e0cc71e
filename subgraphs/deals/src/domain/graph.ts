// Asks the supergraph (through the router, with the caller's own token) about the customers and
// vehicle a deal points at. The router and the owning subgraphs apply the caller's tenant and
// permissions, so another dealership's id simply comes back null → NOT_FOUND here.
import {
  AppError,
  isUnavailableError,
  notFound,
  serviceUnavailable,
  unavailableIn,
} from '@autolytiq/kit/core';
import { Decimal } from 'decimal.js';
import type { DealLocalRate } from '@autolytiq/calc';

export interface CustomerFacts {
  id: string;
  addresses: { kind: string; state: string; zip: string; county: string | null }[];
}

export interface VehicleFacts {
  id: string;
  status: 'AVAILABLE' | 'ON_HOLD' | 'SOLD' | 'IN_TRANSIT';
  condition: 'NEW' | 'USED' | 'CPO';
  msrp: Decimal | null;
  listPrice: Decimal | null;
  /** Only when the caller may see it (inventory.write). */
  cost: Decimal | null;
}

export interface GraphCaller {
  token: string;
  requestId: string;
  permissions: readonly string[];
}

export interface TeamMember {
  id: string;
  active: boolean;
  roles: string[];
}

export interface GraphClient {
  /** Customers and the vehicle in one router round trip (NOT_FOUND naming the first missing). */
  refs(
    caller: GraphCaller,
    customerIds: string[],
    vehicleId: string,
  ): Promise<{ customers: Map<string, CustomerFacts>; vehicle: VehicleFacts }>;
  customers(caller: GraphCaller, ids: string[]): Promise<Map<string, CustomerFacts>>;
  vehicle(caller: GraphCaller, id: string): Promise<VehicleFacts>;
  /** The cost of each vehicle the caller may see it for, in one router round trip (null: unknown). */
  vehicleCosts(caller: GraphCaller, ids: readonly string[]): Promise<Map<string, Decimal | null>>;
  /**
   * The caller's dealership's people (auth's `team`), to check the users a deal names. Optional only
   * for in-process tools that run the service as trusted code (the demo seed); the router client
   * always has it.
   */
  team?(caller: GraphCaller): Promise<TeamMember[]>;
  /**
   * The dealership's own local tax rate for a state and ZIP (calc's localTaxRate, as taxQuote applies
   * it), or null when it has none.
   */
  localRate(caller: GraphCaller, state: string, zip: string): Promise<DealLocalRate | null>;
  /**
   * The caller's dealership's ZIP (admin's myDealership address), kept on a new deal for states whose
   * vehicle local tax follows the dealer's location. Optional like `team` (in-process tools).
   */
  dealershipZip?(caller: GraphCaller): Promise<string | null>;
  /** Raw call (the outbox relay uses it with its service token). */
  request<T>(token: string, requestId: string, query: string, variables: object): Promise<T>;
}

interface RawVehicle {
  id: string;
  status: VehicleFacts['status'];
  condition: VehicleFacts['condition'];
  msrp: string | null;
  listPrice: string | null;
  cost?: string | null;
}

const dec = (s: string | null | undefined) => (s == null ? null : new Decimal(s));

function toVehicle(v: RawVehicle): VehicleFacts {
  return {
    id: v.id,
    status: v.status,
    condition: v.condition,
    msrp: dec(v.msrp),
    listPrice: dec(v.listPrice),
    cost: dec(v.cost),
  };
}

export function createGraphClient(routerUrl: string): GraphClient {
  async function request<T>(
    token: string,
    requestId: string,
    query: string,
    variables: object,
  ): Promise<T> {
    const response = await fetch(routerUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        'x-request-id': requestId,
      },
      body: JSON.stringify({ query, variables }),
    }).catch((error: unknown) => {
      // The router itself is down or restarting: the caller may retry (not INTERNAL).
      if (isUnavailableError(error)) throw serviceUnavailable('router');
      throw new AppError('INTERNAL', `The graph could not be reached (${String(error)}).`);
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: T;
      errors?: { message: string; extensions?: { code?: string } }[];
    };
    const error = body.errors?.[0];
    if (error) {
      const unavailable = unavailableIn(body.errors);
      if (unavailable) throw unavailable;
      const code = error.extensions?.code;
      if (code === 'FORBIDDEN' || code === 'NOT_FOUND' || code === 'BAD_USER_INPUT') {
        throw new AppError(code, error.message);
      }
      throw new AppError('INTERNAL', `The graph answered: ${error.message}`);
    }
    if (!body.data) throw new AppError('INTERNAL', `The graph answered HTTP ${response.status}.`);
    return body.data;
  }

  /** One query for any customers and at most one vehicle; missing ones are NOT_FOUND. */
  async function lookup(caller: GraphCaller, customerIds: string[], vehicleId: string | null) {
    const unique = [...new Set(customerIds)];
    const withCost = caller.permissions.includes('inventory.write');
    const fields = unique.map(
      (_, i) => `c${i}: customer(id: $c${i}) { id addresses { kind state zip county } }`,
    );
    const vars = unique.map((_, i) => `$c${i}: ID!`);
    if (vehicleId) {
      fields.push(
        `vehicle(id: $v) { id status condition msrp listPrice ${withCost ? 'cost' : ''} }`,
      );
      vars.push('$v: ID!');
    }
    const data = await request<Record<string, unknown>>(
      caller.token,
      caller.requestId,
      `query DealReferences(${vars.join(', ')}) { ${fields.join(' ')} }`,
      {
        ...Object.fromEntries(unique.map((id, i) => [`c${i}`, id])),
        ...(vehicleId ? { v: vehicleId } : {}),
      },
    );
    const customers = new Map<string, CustomerFacts>();
    unique.forEach((id, i) => {
      const c = data[`c${i}`] as CustomerFacts | null;
      if (!c) throw notFound(`Customer ${id} not found.`);
      customers.set(id, c);
    });
    let vehicle: VehicleFacts | null = null;
    if (vehicleId) {
      const v = data.vehicle as RawVehicle | null;
      if (!v) throw notFound(`Vehicle ${vehicleId} not found.`);
      vehicle = toVehicle(v);
    }
    return { customers, vehicle };
  }

  return {
    request,
    async refs(caller, customerIds, vehicleId) {
      const { customers, vehicle } = await lookup(caller, customerIds, vehicleId);
      return { customers, vehicle: vehicle! };
    },
    async customers(caller, ids) {
      return (await lookup(caller, ids, null)).customers;
    },
    async vehicle(caller, id) {
      return (await lookup(caller, [], id)).vehicle!;
    },
    async localRate(caller, state, zip) {
      const data = await request<{ localTaxRate: DealLocalRate | null }>(
        caller.token,
        caller.requestId,
        `query DealLocalRate($state: String!, $zip: String!) {
          localTaxRate(state: $state, zip: $zip) {
            state zip region combinedRate stateRate countyRate cityRate specialRate
          }
        }`,
        { state, zip },
      );
      return data.localTaxRate;
    },
    async dealershipZip(caller) {
      const data = await request<{ myDealership: { address: { zip: string } | null } | null }>(
        caller.token,
        caller.requestId,
        `query DealDealershipZip { myDealership { id address { zip } } }`,
        {},
      );
      const zip = data.myDealership?.address?.zip ?? '';
      return /^\d{5}/.test(zip) ? zip.slice(0, 5) : null;
    },
    async vehicleCosts(caller, ids) {
      const unique = [...new Set(ids)];
      const costs = new Map<string, Decimal | null>(unique.map((id) => [id, null]));
      if (unique.length === 0 || !caller.permissions.includes('inventory.write')) return costs;
      const data = await request<Record<string, { cost: string | null } | null>>(
        caller.token,
        caller.requestId,
        `query DealVehicleCosts(${unique.map((_, i) => `$v${i}: ID!`).join(', ')}) { ${unique
          .map((_, i) => `v${i}: vehicle(id: $v${i}) { cost }`)
          .join(' ')} }`,
        Object.fromEntries(unique.map((id, i) => [`v${i}`, id])),
      );
      unique.forEach((id, i) => costs.set(id, dec(data[`v${i}`]?.cost)));
      return costs;
    },
    async team(caller) {
      const data = await request<{ team: TeamMember[] }>(
        caller.token,
        caller.requestId,
        'query DealTeam { team { id active roles } }',
        {},
      );
      return data.team;
    },
  };
}
