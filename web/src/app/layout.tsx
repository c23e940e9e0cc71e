import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import { Providers } from './providers.tsx';
import './globals.css';

// No title here: every page sets its own (usePageTitle), and a title in the metadata would be
// streamed in after it and win.
export const metadata: Metadata = { description: 'Dealership sales floor' };

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
