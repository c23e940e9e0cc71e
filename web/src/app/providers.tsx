'use client';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { usePathname } from 'next/navigation';
import { useState, type ReactNode } from 'react';
import { READ_RETRY } from '../lib/connection.ts';
import { PAGE_TITLES, usePageTitle } from '../lib/use-page-title.ts';

/** The title of a page at a fixed path (pages about one record set their own). */
function FixedPageTitle() {
  usePageTitle(PAGE_TITLES[usePathname()]);
  return null;
}

export function Providers({ children }: { children: ReactNode }) {
  const [client] = useState(
    () =>
      new QueryClient({
        defaultOptions: {
          queries: {
            staleTime: 15_000,
            refetchOnWindowFocus: false,
            // A blip is retried with backoff; input, permission and not-found errors never are.
            ...READ_RETRY,
          },
        },
      }),
  );
  return (
    <QueryClientProvider client={client}>
      <FixedPageTitle />
      {children}
    </QueryClientProvider>
  );
}
