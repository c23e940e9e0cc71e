// Who may be a customer's assigned salesperson: an active user of the caller's dealership (issue 12:
// any UUID was accepted). Asked through the router as the caller, so auth's row-level security
// answers only the caller's dealership — customers never reads auth's tables.
import {
  AppError,
  badInput,
  isUnavailableError,
  serviceUnavailable,
  unavailableIn,
} from '@autolytiq/kit';
import type { PeopleCheck } from './customer-service.ts';

export function teamCheck(routerGraphqlUrl: string): PeopleCheck {
  return async (token, requestId, field, userId) => {
    if (!token) throw new AppError('INTERNAL', 'No caller token to check the team with.');
    const response = await fetch(routerGraphqlUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${token}`,
        ...(requestId ? { 'x-request-id': requestId } : {}),
      },
      body: JSON.stringify({ query: 'query CustomerTeam { team { id active } }' }),
    }).catch((error: unknown) => {
      // The router itself is down or restarting: the caller may retry (not INTERNAL).
      if (isUnavailableError(error)) throw serviceUnavailable('router');
      throw new AppError('INTERNAL', `The graph could not be reached (${String(error)}).`);
    });
    const body = (await response.json().catch(() => ({}))) as {
      data?: { team?: Array<{ id: string; active: boolean }> };
      errors?: Array<{ message: string }>;
    };
    const team = body.data?.team;
    if (!team) {
      // e.g. auth (which answers `team`) is down: say so, naming it.
      const unavailable = unavailableIn(body.errors);
      if (unavailable) throw unavailable;
      throw new AppError('INTERNAL', `The team could not be read: ${body.errors?.[0]?.message}`);
    }
    const member = team.find((m) => m.id === userId);
    if (!member) throw badInput(field, 'No user of this dealership has this id.');
    if (!member.active) throw badInput(field, 'This user is deactivated.');
  };
}
