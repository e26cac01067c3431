/*
 * Projector mode: everything a quarter larger (CSS zoom on the page), for a
 * room reading a 1024×768 projector from the back. Remembered in the browser;
 * the layout then lays out as on a screen a quarter smaller (one column below
 * 1100 px of room), so nothing is cut off.
 */
import { useEffect, useState } from 'react';
import { readFlag, writeFlag } from '../remembered-flag';

const PROJECTOR_KEY = 'tidepool.projector';

export function ProjectorToggle() {
  const [on, setOn] = useState(() => readFlag(PROJECTOR_KEY));
  useEffect(() => {
    document.documentElement.classList.toggle('projector', on);
  }, [on]);
  return (
    <button
      type="button"
      data-testid="projector-toggle"
      aria-pressed={on}
      onClick={() => {
        writeFlag(PROJECTOR_KEY, !on);
        setOn(!on);
      }}
      title={
        on
          ? 'Projector mode is on: everything is a quarter larger. Click for the normal size.'
          : 'Projector mode: everything a quarter larger, for a room reading a projector'
      }
    >
      Projector
    </button>
  );
}
