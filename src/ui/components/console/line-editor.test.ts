import { describe, expect, it } from 'vitest';
import { complete } from '../../../console/commands';
import { LineEditor } from './line-editor';

const LEFT = '\x1b[D';
const RIGHT = '\x1b[C';
const UP = '\x1b[A';
const DOWN = '\x1b[B';

describe('LineEditor', () => {
  it('types, edits in the middle and submits', () => {
    const ed = new LineEditor();
    expect(ed.feed('hsh')).toEqual([]);
    ed.feed(`${LEFT}${LEFT}a`);
    expect(ed.text).toBe('hash'.slice(0, 1) + 'a' + 'sh');
    ed.feed('\x7f'); // backspace removes the 'a'
    expect([ed.text, ed.cursor]).toEqual(['hsh', 1]);
    ed.feed(`${RIGHT}\x1b[3~`); // delete under the cursor
    expect(ed.text).toBe('hs');
    expect(ed.feed('\r')).toEqual([{ kind: 'submit', line: 'hs' }]);
    expect([ed.text, ed.cursor]).toEqual(['', 0]);
  });

  it('handles pasted lines one by one', () => {
    const ed = new LineEditor();
    expect(ed.feed('help\r\nhash\rlin')).toEqual([
      { kind: 'submit', line: 'help' },
      { kind: 'submit', line: 'hash' },
    ]);
    expect(ed.text).toBe('lin');
  });

  it('walks the history and keeps the unfinished line', () => {
    const ed = new LineEditor();
    ed.feed('one\rtwo\rtwo\r');
    ed.feed('dra');
    ed.feed(UP);
    expect(ed.text).toBe('two');
    ed.feed(UP);
    expect(ed.text).toBe('one'); // the repeated "two" was stored once
    ed.feed(UP);
    expect(ed.text).toBe('one');
    ed.feed(DOWN + DOWN);
    expect(ed.text).toBe('dra');
    ed.feed('\x1bOA'); // application cursor mode
    expect(ed.text).toBe('two');
  });

  it('cancels with Ctrl+C and edits with Ctrl keys', () => {
    const ed = new LineEditor();
    ed.feed('partition n1 n2');
    expect(ed.feed('\x03')).toEqual([{ kind: 'cancel', line: 'partition n1 n2' }]);
    ed.feed('kill n2 now');
    ed.feed('\x17');
    expect(ed.text).toBe('kill n2 ');
    ed.feed('\x01');
    expect(ed.cursor).toBe(0);
    ed.feed('\x0b');
    expect(ed.text).toBe('');
    expect(ed.feed('\x0c')).toEqual([{ kind: 'clear-screen' }]);
    ed.feed('a b c\x1b[1;5D');
    expect(ed.cursor).toBe(4);
  });

  it('ignores unknown escapes and control characters', () => {
    const ed = new LineEditor();
    ed.feed('a\x1b[15~\x1b[200~b\x07\x1bc');
    expect(ed.text).toBe('abc');
  });

  it('completes with Tab', () => {
    const ed = new LineEditor(complete);
    ed.feed('part\t');
    expect(ed.text).toBe('partition ');
    ed.feed('\x15se\t');
    expect(ed.text).toBe('see');
    expect(ed.feed('\t')).toEqual([{ kind: 'options', options: ['seek', 'seed'] }]);
  });

  it('renders a window that keeps the cursor visible', () => {
    const ed = new LineEditor();
    ed.feed('0123456789abcdefghij');
    const r = ed.render(10);
    expect(r.text.length).toBeLessThanOrEqual(10);
    expect(r.text.endsWith('j')).toBe(true);
    expect(r.text[0]).toBe('…');
    expect(r.cursorColumn).toBeLessThanOrEqual(10);
    ed.feed('\x01');
    expect(ed.render(10)).toEqual({ text: '012345678…', cursorColumn: 0 });
    ed.feed(RIGHT.repeat(10));
    expect(ed.render(10)).toEqual({ text: '…3456789a…', cursorColumn: 8 });
    expect(new LineEditor().render(10)).toEqual({ text: '', cursorColumn: 0 });
  });
});
