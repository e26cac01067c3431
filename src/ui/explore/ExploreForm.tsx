/*
 * The explorer's settings: scenario, chaos preset, mutant, transport profile,
 * first seed, how many seeds and where each run ends, plus a note of the
 * link's other parameters it keeps. Run (or Enter) starts a sweep, Stop ends
 * it; what is wrong with the settings is listed, nothing runs until it is
 * fixed. Knows nothing of how sweeps run.
 */
import { useStore } from 'zustand';
import { CHAOS_PRESETS } from '../../core/session';
import { MUTANTS } from '../../core/mutants/catalogue';
import { SCENARIOS } from '../../core/scenario/registry';
import { PROFILES } from '../../core/transport-settings/profiles';
import type { ExplorerController } from './explorer-controller';
import type { ExploreForm as Form } from './explorer-store';

export function ExploreForm({ controller }: { controller: ExplorerController }) {
  const { store } = controller;
  const form = useStore(store, (s) => s.form);
  const template = useStore(store, (s) => s.template);
  const errors = useStore(store, (s) => s.errors);
  const running = useStore(store, (s) => s.phase === 'running');
  const set = (change: Partial<Form>) => controller.setForm(change);
  const mutant = MUTANTS.find((m) => m.id === form.mutant);
  return (
    <form
      className="xp-form"
      aria-label="Sweep settings"
      onSubmit={(e) => {
        e.preventDefault();
        controller.start();
      }}
    >
      <label>
        scenario
        <select
          value={form.scenario}
          onChange={(e) => set({ scenario: e.target.value })}
          data-testid="xp-scenario"
        >
          {SCENARIOS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        chaos
        <select
          value={form.chaos}
          onChange={(e) => set({ chaos: e.target.value })}
          data-testid="xp-chaos"
        >
          {CHAOS_PRESETS.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label>
        mutant
        <select
          value={form.mutant}
          onChange={(e) => set({ mutant: e.target.value })}
          data-testid="xp-mutant"
        >
          <option value="">none (the real transport)</option>
          {MUTANTS.map((m) => (
            <option key={m.id} value={m.id}>
              {m.id}
              {m.scenarios.includes(form.scenario) ? '' : ' (not for this scenario)'}
            </option>
          ))}
        </select>
      </label>
      <label>
        profile
        <select value={form.profile} onChange={(e) => set({ profile: e.target.value })}>
          {PROFILES.map((p) => (
            <option key={p.id} value={p.id}>
              {p.id}
            </option>
          ))}
        </select>
      </label>
      <label>
        from seed
        <input
          className="mono"
          inputMode="numeric"
          size={8}
          value={form.from}
          onChange={(e) => set({ from: e.target.value })}
          data-testid="xp-from"
        />
      </label>
      <label>
        seeds
        <input
          className="mono"
          inputMode="numeric"
          size={6}
          value={form.seeds}
          onChange={(e) => set({ seeds: e.target.value })}
          data-testid="xp-seeds"
        />
      </label>
      <label>
        until
        <input
          className="mono"
          size={6}
          value={form.until}
          placeholder="default"
          onChange={(e) => set({ until: e.target.value })}
          data-testid="xp-until"
        />
      </label>
      <div className="xp-form-actions">
        <button type="submit" className="primary" data-testid="xp-run">
          {running ? '↻ Restart' : '▶ Run sweep'}
        </button>
        <button
          type="button"
          disabled={!running}
          onClick={() => controller.stop()}
          data-testid="xp-stop"
        >
          ■ Stop
        </button>
      </div>
      {mutant && <p className="xp-note">mutant: {mutant.breaks}</p>}
      {template.length > 0 && (
        <p className="xp-note mono" title="From the link: every seed runs with these too">
          also: {template.map((p) => decodeURIComponent(p)).join('  ')}
        </p>
      )}
      {errors.length > 0 && (
        <ul className="xp-errors" role="alert" data-testid="xp-errors">
          {errors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </form>
  );
}
