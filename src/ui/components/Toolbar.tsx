/*
 * The toolbar: what to run (scenario, seed, chaos), how to move through it
 * (play/pause, one event, +1 ms / +100 ms / +1 s, speed, restart) and what it
 * is (sim time, trace hash, copy link). Every change goes through the store's
 * actions to the engine host; a new scenario, seed or chaos starts a new run
 * (a new seed or chaos keeps the session's mutant, if any).
 * It is the page's banner landmark, not an ARIA toolbar: every control is its
 * own Tab stop, which a toolbar's single-stop arrow-key model would contradict.
 */
import { downloadTrace } from '../export-trace';
import { PlayStep, TimeReadout } from './PlayStep';
import { useState, type ChangeEvent } from 'react';
import { useServices, useUi } from '../app-context';
import { SCENARIOS, findScenario } from '../../core/scenario/registry';
import { CHAOS_PRESETS } from '../../core/session';
import { makeSession, transportInput } from '../../core/session';
import { parseSeed } from '../../core/sim';
import { currentLink } from '../url-sync';
import { SpeedControl } from './SpeedControl';
import { ProjectorToggle } from './ProjectorToggle';
import { lessonActions } from './lesson/lesson-state';

const SEED_PRESETS = ['1', '42', '7', '1337', '2024'];

export function Toolbar() {
  const session = useUi((s) => s.session);
  const hash = useUi((s) => s.view?.traceHash ?? '');
  const actions = useUi((s) => s.actions);
  const transportOpen = useUi((s) => s.transportOpen);
  const exploreOpen = useUi((s) => s.exploreOpen);
  const { store, engine } = useServices();
  const scenario = session ? findScenario(session.scenario) : undefined;

  // Another seed or chaos keeps the session's mutant (the banner says so); another scenario starts afresh.
  // The transport's profile and knobs stay either way: they are the transport, not the workload.
  const start = (scenarioId: string, seed: bigint, chaos?: string, mutant?: string) => {
    const made = makeSession({
      scenario: scenarioId,
      seed,
      ...(chaos ? { chaos } : {}),
      mutant: mutant ?? null,
      ...(session ? { transport: transportInput(session) } : {}),
    });
    if (made.ok) actions.load(made.session, 0);
    else actions.notify(`Not started: ${made.errors.join('; ')}`);
  };
  const copyLink = async () => {
    const link = currentLink(store, `${window.location.origin}${window.location.pathname}`);
    try {
      await navigator.clipboard.writeText(link);
      actions.notify('Link copied: it replays this exact run and lands at this moment.');
    } catch {
      window.prompt('Copy this link:', link);
    }
  };

  const exportTrace = async () => {
    actions.notify('Exporting the trace: the engine replays the run to build it…');
    try {
      const name = downloadTrace(await engine.exportTrace());
      actions.notify(
        `Saved ${name}: open it in ui.perfetto.dev (Open trace file) or chrome://tracing.`,
      );
    } catch (error) {
      actions.notify(`Export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  };

  return (
    <header className="toolbar" aria-label="Simulation controls">
      <h1 className="brand" title="Tidepool: deterministic network simulation">
        <span className="brand-mark" aria-hidden="true">
          ◠
        </span>{' '}
        Tidepool
      </h1>
      <button
        type="button"
        className="lessons-button"
        data-testid="lessons-button"
        onClick={lessonActions.openPicker}
        title="Guided lessons: short tours of the transport, each step a real run"
      >
        Lessons
      </button>
      <label className="field">
        <span>Scenario</span>
        <select
          data-testid="scenario-select"
          value={session?.scenario ?? ''}
          title={scenario?.description}
          onChange={(e) => session && start(e.target.value, session.seed)}
        >
          {SCENARIOS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.title}
            </option>
          ))}
        </select>
      </label>
      <SeedField
        key={`${session?.scenario}-${session?.seed}`}
        seed={session?.seed ?? 1n}
        onSeed={(seed) => session && start(session.scenario, seed, session.chaos, session.mutant)}
      />
      <label className="field">
        <span>Chaos</span>
        <select
          data-testid="chaos-select"
          value={session?.chaos ?? 'calm'}
          onChange={(e) =>
            session && start(session.scenario, session.seed, e.target.value, session.mutant)
          }
        >
          {CHAOS_PRESETS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <div className="transport" role="group" aria-label="Playback">
        <PlayStep />
        <button type="button" onClick={() => actions.stepTime(1_000)} title="Advance 1 ms">
          +1 ms
        </button>
        <button type="button" onClick={() => actions.stepTime(100_000)} title="Advance 100 ms">
          +100 ms
        </button>
        <button type="button" onClick={() => actions.stepTime(1_000_000)} title="Advance 1 s">
          +1 s
        </button>
        <button type="button" onClick={actions.restart} title="Back to 0 with the same session">
          ↺ Restart
        </button>
      </div>
      <SpeedControl />
      <TimeReadout />
      <div
        className="readout"
        title="Trace hash: the same session gives the same hash on every machine"
      >
        <span className="readout-label">hash</span>
        <span data-testid="trace-hash" className="mono">
          {hash}
        </span>
      </div>
      <button
        type="button"
        data-testid="copy-link"
        onClick={copyLink}
        title="Copy a link that replays this run"
      >
        Copy link
      </button>
      <button
        type="button"
        data-testid="export-trace"
        onClick={() => void exportTrace()}
        title="Download the run so far as a Trace Event file for Perfetto (ui.perfetto.dev) or chrome://tracing"
      >
        Export trace
      </button>
      <button
        type="button"
        data-testid="transport-open"
        aria-pressed={transportOpen}
        onClick={() => actions.openTransport(!transportOpen)}
        title="Transport settings: a profile (seed, FoundationDB, moonpool 0.8) and every knob; compare two runs side by side"
      >
        Transport: {session?.transport?.profile ?? 'seed'}
        {session?.transport && Object.keys(session.transport.knobs).length > 0 ? ' *' : ''}
      </button>
      <button
        type="button"
        data-testid="explore-open"
        aria-pressed={exploreOpen}
        onClick={() => actions.openExplore(!exploreOpen)}
        title="Explore this run: branch it from here, find when its failure became inevitable, shrink it, write a bug report; or sweep many seeds"
      >
        Explore
      </button>
      <ProjectorToggle />
    </header>
  );
}

function SeedField({ seed, onSeed }: { seed: bigint; onSeed(seed: bigint): void }) {
  const [text, setText] = useState(seed.toString());
  const [error, setError] = useState<string | null>(null);
  const commit = (value: string) => {
    const parsed = parseSeed(value);
    if (typeof parsed === 'bigint') {
      setError(null);
      if (parsed !== seed) onSeed(parsed);
    } else setError(parsed.error);
  };
  const random = () => {
    const words = new Uint32Array(2);
    crypto.getRandomValues(words); // a fresh seed for the user; the run itself stays deterministic
    const next = ((BigInt(words[0] as number) << 32n) | BigInt(words[1] as number)).toString();
    setText(next);
    commit(next);
  };
  return (
    <div className="field seed-field">
      <label htmlFor="seed-input">Seed</label>
      <input
        id="seed-input"
        data-testid="seed-input"
        className="mono"
        list="seed-presets"
        value={text}
        aria-invalid={error !== null}
        title={error ?? 'A decimal u64: the same seed replays the same run'}
        onChange={(e: ChangeEvent<HTMLInputElement>) => setText(e.target.value)}
        onKeyDown={(e) => e.key === 'Enter' && commit(text)}
        onBlur={() => commit(text)}
      />
      <datalist id="seed-presets">
        {SEED_PRESETS.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <button type="button" onClick={random} title="Pick a random seed" aria-label="Random seed">
        ⚄
      </button>
      {error && (
        <span className="field-error" role="status">
          {error}
        </span>
      )}
    </div>
  );
}
