import { useSyncExternalStore } from 'react';

/** Phones and narrow windows: the shell switches to a drawer menu at or below this width. */
export const MOBILE_QUERY = '(max-width: 768px)';

function subscribe(onChange: () => void) {
  const mql = window.matchMedia(MOBILE_QUERY);
  mql.addEventListener('change', onChange);
  return () => mql.removeEventListener('change', onChange);
}

export function useIsMobile(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(MOBILE_QUERY).matches,
    () => false,
  );
}
