'use client';
import Link from 'next/link';
import { usePathname, useRouter } from 'next/navigation';
import { useEffect, useState, type ReactNode } from 'react';
import { AssistantPanel } from '../../components/assistant-panel.tsx';
import { TeamPanel } from '../../components/team-panel.tsx';
import { Loading } from '../../components/ui.tsx';
import { useConnectionLost } from '../../lib/connection.ts';
import { signInPath } from '../../lib/navigation.ts';
import { hasPermission, session, useSession } from '../../lib/session.ts';

const NAV = [
  { href: '/', label: 'Dashboard' },
  { href: '/customers', label: 'Customers', permission: 'customers.read' },
  { href: '/inventory', label: 'Inventory', permission: 'inventory.read' },
  { href: '/deals', label: 'Deals', permission: 'deals.read' },
  { href: '/tax', label: 'Tax calculator', permission: 'calc.use' },
  { href: '/team', label: 'Team', permission: 'ml.read' },
  { href: '/segments', label: 'Segments', permission: 'ml.read' },
  { href: '/assistant/documents', label: 'Assistant documents', permission: 'ai.chat' },
  { href: '/admin/users', label: 'Users', permission: 'admin.users' },
  { href: '/admin/roles', label: 'Roles', permission: 'admin.users' },
  { href: '/admin/clients', label: 'Integrations', permission: 'admin.clients' },
  { href: '/admin/audit', label: 'Audit log', permission: 'audit.read' },
  { href: '/admin/settings', label: 'Settings', permission: 'admin.settings' },
  { href: '/profile', label: 'Your account' },
];

export default function AppLayout({ children }: { children: ReactNode }) {
  const state = useSession();
  const pathname = usePathname();
  const router = useRouter();
  const lost = useConnectionLost();
  // On a narrow screen the menu is one button until opened; it closes again after a choice.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [pathname]);

  useEffect(() => {
    // A reload loses the in-memory token: the refresh cookie brings the session back, if any.
    if (state.status === 'unknown') void session.refresh();
    if (state.status === 'signedOut') {
      const here = `${window.location.pathname}${window.location.search}`;
      router.replace(signInPath(here, state.expired));
    }
  }, [state, router]);

  // Announced politely; the app keeps working from what it has and retries in the background.
  const connection = lost ? (
    <div className="banner-warn connection-lost" role="status" data-testid="connection-lost">
      Connection lost — retrying…
    </div>
  ) : null;
  if (state.status !== 'signedIn')
    return (
      <>
        {connection}
        <Loading />
      </>
    );
  const active = (href: string) =>
    href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <nav className="nav" aria-label="Main">
        <div className="brand">Autolytiq</div>
        <button
          type="button"
          className="btn menu-toggle"
          aria-expanded={menuOpen}
          aria-controls="nav-links"
          onClick={() => setMenuOpen((open) => !open)}
        >
          Menu
        </button>
        <div id="nav-links" className="nav-links" data-open={menuOpen}>
          {NAV.filter((n) => !n.permission || hasPermission(state, n.permission)).map((n) => (
            <Link key={n.href} href={n.href} aria-current={active(n.href) ? 'page' : undefined}>
              {n.label}
            </Link>
          ))}
        </div>
        <div className="who">
          <div data-testid="signed-in-user">{state.user.username}</div>
          <div>{state.user.roles.join(', ')}</div>
          <button className="btn" style={{ marginTop: 8 }} onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
        <TeamPanel userId={state.user.id} />
      </nav>
      <main className="main" id="main" tabIndex={-1}>
        {connection}
        {children}
      </main>
      {hasPermission(state, 'ai.chat') ? <AssistantPanel /> : null}
    </div>
  );
}
