import { useCallback, useState } from 'react';

/**
 * Forward/back paging over a Relay connection: remembers the cursors of the pages seen, so "Back"
 * needs no backward cursor from the server. `reset` when the filter changes.
 */
export function useCursorPages() {
  const [stack, setStack] = useState<Array<string | undefined>>([undefined]);
  const after = stack[stack.length - 1];
  return {
    after,
    page: stack.length,
    next: useCallback((endCursor: string | null | undefined) => {
      if (endCursor) setStack((s) => [...s, endCursor]);
    }, []),
    back: useCallback(() => setStack((s) => (s.length > 1 ? s.slice(0, -1) : s)), []),
    reset: useCallback(() => setStack([undefined]), []),
  };
}
