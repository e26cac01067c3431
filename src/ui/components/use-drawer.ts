/*
 * What a drawer does when it opens (Transport, Explore): focus moves to its
 * close button, Esc closes it wherever focus is — except in the console or the
 * Why? panel, which use Esc themselves — and on closing, focus returns to what
 * opened it. Knows nothing of what the drawer shows.
 */
import { useEffect, useRef } from 'react';

/** `setOpen`: the store's action for this drawer (stable, so the effect runs once per opening). */
export function useDrawer(open: boolean, setOpen: (open: boolean) => void) {
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const opener = document.activeElement as HTMLElement | null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !(e.target as HTMLElement | null)?.closest('.xterm, .why-panel'))
        setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (opener?.isConnected) opener.focus();
    };
  }, [open, setOpen]);
  return closeRef;
}
