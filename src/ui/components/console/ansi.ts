/*
 * How the console paints text: the xterm theme (the app's dark palette mapped
 * onto the 16 ANSI colours) and SGR helpers that colour a trace line by its
 * category. Every string that reaches the terminal goes through `plain`
 * (control characters removed) unless it is our own escape sequence.
 */
import type { ITheme } from '@xterm/xterm';
import {
  categoryOf,
  formatTraceParts,
  isFailure,
  stripControl,
  type TraceCategory,
} from '../../../console/commands';
import type { TraceEvent } from '../../../core/sim';

export const TERMINAL_THEME: ITheme = {
  background: '#0d1b2a', // --panel
  foreground: '#d6e4f0', // --text
  cursor: '#2dd4bf', // --accent
  cursorAccent: '#0d1b2a',
  selectionBackground: '#2dd4bf55',
  selectionInactiveBackground: '#2dd4bf2a',
  scrollbarSliderBackground: '#1d365099',
  scrollbarSliderHoverBackground: '#2a4a6a',
  scrollbarSliderActiveBackground: '#35597d',
  black: '#08131f', // --bg
  red: '#fb5573', // --danger
  green: '#34d399',
  yellow: '#f5a524', // --warn
  blue: '#60a5fa', // --info
  magenta: '#c084fc',
  cyan: '#2dd4bf', // --accent
  white: '#d6e4f0',
  brightBlack: '#7f98ad', // --muted
  brightRed: '#ff8095',
  brightGreen: '#6ee7b7',
  brightYellow: '#fcd34d',
  brightBlue: '#93c5fd',
  brightMagenta: '#d8b4fe',
  brightCyan: '#5eead4',
  brightWhite: '#f1f7fc',
};

const ESC = '\x1b[';
export const RESET = `${ESC}0m`;

type Colour = 'red' | 'green' | 'yellow' | 'blue' | 'magenta' | 'cyan' | 'white' | 'muted';
const FG: Record<Colour, number> = {
  red: 31,
  green: 32,
  yellow: 33,
  blue: 34,
  magenta: 35,
  cyan: 36,
  white: 37,
  muted: 90,
};

/** Text with control characters replaced: safe to write. */
export const plain = (text: string): string => stripControl(text);

export function paint(
  text: string,
  colour: Colour,
  opts: { bold?: boolean; dim?: boolean } = {},
): string {
  const codes = [FG[colour], ...(opts.bold ? [1] : []), ...(opts.dim ? [2] : [])];
  return `${ESC}${codes.join(';')}m${plain(text)}${RESET}`;
}

export const CATEGORY_COLOUR: Record<TraceCategory, Colour> = {
  fault: 'yellow',
  peer: 'cyan',
  packet: 'blue',
  rpc: 'magenta',
  violation: 'red',
  other: 'green',
};

/** A trace event as one coloured line: muted time, node, kind by category, detail; violations bold red. */
export function styledEvent(e: TraceEvent): string {
  const p = formatTraceParts(e);
  const category = categoryOf(e.kind);
  if (category === 'violation')
    return paint(`${p.time}  ${p.node} ${p.kind} ${p.detail}`.trimEnd(), 'red', { bold: true });
  const failure = isFailure(e.kind);
  const kind = paint(p.kind, failure ? 'red' : CATEGORY_COLOUR[category], { bold: failure });
  const detail = failure
    ? paint(p.detail, 'red')
    : category === 'packet' || category === 'other'
      ? paint(p.detail, 'muted')
      : plain(p.detail);
  return `${paint(p.time, 'muted')}  ${plain(p.node)} ${kind} ${detail}`.trimEnd();
}
