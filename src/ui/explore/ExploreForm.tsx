/*
 * The explorer's settings: scenario; chaos presets, transport profiles and
 * transports (real or mutant) — several of each make a matrix, one sweep per
 * combination; first seed, how many seeds and where each run ends, plus a note of the
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
import { NO_MUTANT } from '../../core/explore/explore-query';
import { decodeComponent } from '../../core/session-query';

interface Choice {
  readonly value: string;
  readonly label: string;
  readonly note?: string;
}

/** A set of ticks (several may be chosen: each adds sweeps to the matrix). */
function ChoiceGroup({
  legend,
  choices,
  chosen,
  onChange,
  testId,
  tall = false,
}: {
  legend: string;
  choices: readonly Choice[];
  chosen: readonly string[];
  onChange: (chosen: string[]) => void;
  testId: string;
  tall?: boolean;
}) {
  const toggle = (value: string, on: boolean) =>
    onChange(choices.map((c) => c.value).filter((v) => (v === value ? on : chosen.includes(v))));
  return (
    <fieldset className={`xp-choices${tall ? ' is-tall' : ''}`} data-testid={testId}>
      <legend>
        {legend}
        {tall && chosen.length > 0 && (
          <span className="xp-chosen">
            :{' '}
            {choices
              .filter((c) => chosen.includes(c.value))
              .map((c) => c.label)
              .join(', ')}
          </span>
        )}
      </legend>
      {choices.map((c) => (
        <label key={c.value} title={c.note}>
          <input
            type="checkbox"
            checked={chosen.includes(c.value)}
            onChange={(e) => toggle(c.value, e.target.checked)}
          />
          {c.label}
        </label>
      ))}
    </fieldset>
  );
}

export function ExploreForm({ controller }: { controller: ExplorerController }) {
  const { store } = controller;
  const form = useStore(store, (s) => s.form);
  const template = useStore(store, (s) => s.template);
  const errors = useStore(store, (s) => s.errors);
  const running = useStore(store, (s) => s.phase === 'running');
  const set = (change: Partial<Form>) => controller.setForm(change);
  const sweeps = form.chaos.length * form.profile.length * form.mutant.length;
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
      <ChoiceGroup
        legend="chaos"
        testId="xp-chaos"
        chosen={form.chaos}
        onChange={(chaos) => set({ chaos })}
        choices={CHAOS_PRESETS.map((c) => ({ value: c, label: c }))}
      />
      <ChoiceGroup
        legend="profile"
        testId="xp-profile"
        chosen={form.profile}
        onChange={(profile) => set({ profile })}
        choices={PROFILES.map((p) => ({ value: p.id, label: p.id }))}
      />
      <ChoiceGroup
        legend="transport"
        testId="xp-mutant"
        tall
        chosen={form.mutant}
        onChange={(mutant) => set({ mutant })}
        choices={[
          { value: NO_MUTANT, label: 'the real one' },
          ...MUTANTS.map((m) => ({
            value: m.id,
            label: m.id,
            note: m.scenarios.includes(form.scenario)
              ? m.breaks
              : `${m.breaks} (not one of its scenarios)`,
          })),
        ]}
      />
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
          {running ? '↻ Restart' : sweeps > 1 ? `▶ Run ${sweeps} sweeps` : '▶ Run sweep'}
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
      {sweeps > 1 && (
        <p className="xp-note">
          {form.chaos.length} chaos × {form.profile.length} profile × {form.mutant.length} transport
          = {sweeps} sweeps of {form.seeds} seeds, one after another
        </p>
      )}
      {template.length > 0 && (
        <p className="xp-note mono" title="From the link: every seed runs with these too">
          also: {template.map((p) => decodeComponent(p)).join('  ')}
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
