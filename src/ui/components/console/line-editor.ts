/*
 * The console's prompt line as plain state, fed with the terminal's input
 * stream (xterm's onData: printable text, \r, \x7f, CSI/SS3 arrow keys, C0
 * controls). Supports insert anywhere, backspace/delete, ←/→, Home/End,
 * Ctrl+←/→ by word, ↑/↓ history (the unfinished line is kept as a draft),
 * Ctrl+A/E/U/K/W, Ctrl+C (cancel the line), Ctrl+L (clear screen) and Tab
 * (completion). Knows nothing of xterm or the DOM, so it is unit-tested.
 */

export type EditorEvent =
  | { kind: 'submit'; line: string }
  | { kind: 'cancel'; line: string }
  | { kind: 'clear-screen' }
  | { kind: 'options'; options: string[] };

export type Completer = (line: string) => { line: string; options: string[] };

const MAX_HISTORY = 200;
const MAX_LINE = 2000;

export class LineEditor {
  text = '';
  cursor = 0;
  private readonly history: string[] = [];
  private historyIndex: number | null = null;
  private draft = '';

  constructor(private readonly completer: Completer | null = null) {}

  /** Applies a chunk of terminal input; returns what happened besides editing, in order. */
  feed(data: string): EditorEvent[] {
    const out: EditorEvent[] = [];
    let i = 0;
    while (i < data.length) {
      const c = data[i] as string;
      if (c === '\x1b') {
        i = this.escape(data, i);
        continue;
      }
      i++;
      switch (c) {
        case '\r':
        case '\n':
          if (c === '\n' && data[i - 2] === '\r') break; // \r\n from a paste: one Enter
          out.push({ kind: 'submit', line: this.submit() });
          break;
        case '\x7f':
        case '\b':
          if (this.cursor > 0) {
            this.text = this.text.slice(0, this.cursor - 1) + this.text.slice(this.cursor);
            this.cursor--;
          }
          break;
        case '\x03': {
          const line = this.text;
          this.reset();
          out.push({ kind: 'cancel', line });
          break;
        }
        case '\x01':
          this.cursor = 0;
          break;
        case '\x05':
          this.cursor = this.text.length;
          break;
        case '\x15':
          this.text = this.text.slice(this.cursor);
          this.cursor = 0;
          break;
        case '\x0b':
          this.text = this.text.slice(0, this.cursor);
          break;
        case '\x17': {
          const start = this.wordLeft();
          this.text = this.text.slice(0, start) + this.text.slice(this.cursor);
          this.cursor = start;
          break;
        }
        case '\x0c':
          out.push({ kind: 'clear-screen' });
          break;
        case '\t':
          if (this.completer && this.cursor === this.text.length) {
            const r = this.completer(this.text);
            this.set(r.line);
            if (r.options.length > 0) out.push({ kind: 'options', options: r.options });
          }
          break;
        default:
          if (c >= ' ' && c !== '\x7f' && !(c >= '\x80' && c <= '\x9f')) this.insert(c);
      }
    }
    return out;
  }

  /** The visible prompt line for a width: a window onto the text that keeps the cursor in view, '…' where cut. */
  render(width: number): { text: string; cursorColumn: number } {
    const room = Math.max(4, width);
    const len = this.text.length;
    if (len < room) return { text: this.text, cursorColumn: this.cursor };
    const start = Math.min(Math.max(0, this.cursor - (room - 2)), len - (room - 2));
    let body = this.text.slice(start, start + room);
    if (start > 0) body = `…${body.slice(1)}`;
    if (start + room < len) body = `${body.slice(0, -1)}…`;
    return { text: body, cursorColumn: this.cursor - start };
  }

  private escape(data: string, i: number): number {
    // CSI: ESC [ params final; SS3: ESC O final; anything else: drop the ESC.
    if (data[i + 1] === '[') {
      let j = i + 2;
      while (j < data.length && /[0-9;?]/.test(data[j] as string)) j++;
      const params = data.slice(i + 2, j);
      const final = data[j] ?? '';
      this.key(final, params);
      return j + 1;
    }
    if (data[i + 1] === 'O' && i + 2 < data.length) {
      this.key(data[i + 2] as string, '');
      return i + 3;
    }
    return i + 1;
  }

  private key(final: string, params: string): void {
    const byWord = /;[35]$/.test(params); // Ctrl or Alt modifier
    switch (final) {
      case 'A':
        return this.historyMove(-1);
      case 'B':
        return this.historyMove(1);
      case 'C':
        this.cursor = byWord ? this.wordRight() : Math.min(this.text.length, this.cursor + 1);
        return;
      case 'D':
        this.cursor = byWord ? this.wordLeft() : Math.max(0, this.cursor - 1);
        return;
      case 'H':
        this.cursor = 0;
        return;
      case 'F':
        this.cursor = this.text.length;
        return;
      case '~':
        if (params === '1' || params === '7') this.cursor = 0;
        else if (params === '4' || params === '8') this.cursor = this.text.length;
        else if (params === '3' && this.cursor < this.text.length)
          this.text = this.text.slice(0, this.cursor) + this.text.slice(this.cursor + 1);
        return;
    }
  }

  private insert(s: string): void {
    if (this.text.length >= MAX_LINE) return;
    this.text = this.text.slice(0, this.cursor) + s + this.text.slice(this.cursor);
    this.cursor += s.length;
  }

  private set(text: string): void {
    this.text = text;
    this.cursor = text.length;
  }

  private reset(): void {
    this.set('');
    this.historyIndex = null;
    this.draft = '';
  }

  private submit(): string {
    const line = this.text;
    if (line.trim() !== '' && this.history[this.history.length - 1] !== line) {
      this.history.push(line);
      if (this.history.length > MAX_HISTORY) this.history.shift();
    }
    this.reset();
    return line;
  }

  private historyMove(delta: number): void {
    if (this.history.length === 0) return;
    if (this.historyIndex === null) {
      if (delta > 0) return;
      this.draft = this.text;
      this.historyIndex = this.history.length;
    }
    const next = this.historyIndex + delta;
    if (next < 0) return;
    if (next >= this.history.length) {
      this.historyIndex = null;
      this.set(this.draft);
      return;
    }
    this.historyIndex = next;
    this.set(this.history[next] as string);
  }

  private wordLeft(): number {
    let j = this.cursor;
    while (j > 0 && this.text[j - 1] === ' ') j--;
    while (j > 0 && this.text[j - 1] !== ' ') j--;
    return j;
  }

  private wordRight(): number {
    let j = this.cursor;
    while (j < this.text.length && this.text[j] === ' ') j++;
    while (j < this.text.length && this.text[j] !== ' ') j++;
    return j;
  }
}
