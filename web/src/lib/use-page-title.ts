// Each page's title names what is on it ("Deal #1002 · Maria Lopez — Autolytiq"): it is what a screen
// reader announces on navigation and what a tab or the history shows. Pages at fixed paths get theirs
// from the providers (every page, signed in or not); pages about one record set it once it is loaded.
import { useEffect } from 'react';

export const APP_NAME = 'Autolytiq';

export function usePageTitle(title: string | null | undefined): void {
  useEffect(() => {
    if (title) document.title = `${title} — ${APP_NAME}`;
  }, [title]);
}

/** Titles of the pages at fixed paths. */
export const PAGE_TITLES: Record<string, string> = {
  '/': 'Dashboard',
  '/customers': 'Customers',
  '/customers/new': 'New customer',
  '/customers/import-lead': 'Import an ADF lead',
  '/inventory': 'Inventory',
  '/assistant/documents': 'Assistant documents',
  '/inventory/new': 'Add a vehicle',
  '/inventory/import': 'Import inventory',
  '/deals': 'Deals',
  '/deals/new': 'New deal',
  '/tax': 'Tax calculator',
  '/team': 'Team status',
  '/segments': 'Customer segments',
  '/sign-in': 'Sign in',
  '/profile': 'Your account',
  '/forgot-password': 'Forgot password',
  '/reset-password': 'Choose a new password',
  '/unlock': 'Unlock your sign-in',
  '/verify-email': 'Confirm your email address',
  '/accept-invitation': 'Choose your password',
  '/admin/users': 'Users',
  '/admin/users/import': 'Import users',
  '/admin/roles': 'Roles',
};
