/*
 * A yes/no remembered in the browser (localStorage) across visits: the
 * welcome seen, projector mode. Storage may be refused (private mode, a
 * sandboxed frame): then the flag reads as no and lasts for this visit only.
 */
export function readFlag(key: string): boolean {
  try {
    return window.localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
}

export function writeFlag(key: string, on: boolean): void {
  try {
    window.localStorage.setItem(key, on ? '1' : '0');
  } catch {
    // Storage refused: the choice lasts for this visit only.
  }
}
