/*
 * The console panel: the live trace in colour and a command line speaking the
 * same language as the CLI (src/console). The terminal itself lives in
 * console/terminal-console.ts; this component mounts it, shows the active
 * filter, and hands it the services it needs. Keys reach it only while it has
 * focus (Esc gives them back to the page).
 */
import { useEffect, useRef, useState } from 'react';
import '@xterm/xterm/css/xterm.css';
import './console/console.css';
import { useServices } from '../app-context';
import { TerminalConsole, type ConsoleStatus } from './console/terminal-console';

export function Console() {
  const { store, engine, traceListeners } = useServices();
  const termRef = useRef<HTMLDivElement>(null);
  const [status, setStatus] = useState<ConsoleStatus | null>(null);
  const [focused, setFocused] = useState(false);

  useEffect(() => {
    const el = termRef.current;
    if (!el) return;
    const terminal = new TerminalConsole(
      el,
      {
        store,
        engine,
        traceListeners,
        linkBase: () => `${window.location.origin}${window.location.pathname}`,
        copy: (text) => navigator.clipboard.writeText(text),
        randomSeed: () => {
          const words = new Uint32Array(2);
          crypto.getRandomValues(words); // a fresh seed for the user; the run itself stays deterministic
          return (BigInt(words[0] as number) << 32n) | BigInt(words[1] as number);
        },
      },
      setStatus,
    );
    // Commands other panels ask for (Explore's "jump there" filters the trace): run as if typed.
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.consoleCommand && s.consoleCommand !== prev.consoleCommand)
        terminal.runCommand(s.consoleCommand.text);
    });
    return () => {
      unsubscribe();
      terminal.dispose();
    };
  }, [store, engine, traceListeners]);

  const filter = status && status.filter !== 'off' ? status.filter : null;
  return (
    <div
      data-testid="console"
      className={`console${focused ? ' focused' : ''}`}
      onFocus={() => setFocused(true)}
      onBlur={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <div className="panel-title console-head">
        <h2 className="console-title">Console</h2>
        {filter && (
          <span
            className="console-filter"
            data-testid="console-filter"
            title="Only matching trace events are shown; type: filter off"
          >
            filter: {filter}
          </span>
        )}
        <span className="console-hint">
          {focused ? (
            <>
              <kbd>Tab</kbd> completes · <kbd>↑</kbd> history · <kbd>Esc</kbd> back to the page
            </>
          ) : (
            <>
              click and type <kbd>help</kbd>
            </>
          )}
        </span>
      </div>
      <div ref={termRef} className="console-term" data-testid="console-terminal" />
    </div>
  );
}
