/*
 * Shown when the page was opened with a malformed link: names each bad
 * parameter and what was dropped from the link (as plain text — never HTML);
 * everything else in the link was kept.
 */
import { useUi } from '../app-context';
import { showInput } from '../../core/sim/quote-input';
import { decodeComponent } from '../../core/session-query';

/** A dropped `key=value`, decoded where it can be, and clipped and escaped like any echoed input. */
function showDropped(pair: string): string {
  return showInput(decodeComponent(pair), 60);
}

export function UrlBanner() {
  const errors = useUi((s) => s.urlErrors);
  const dropped = useUi((s) => s.urlDropped);
  const dismiss = useUi((s) => s.actions.dismissUrlErrors);
  if (!errors) return null;
  return (
    <div className="url-error" role="alert" data-testid="url-error">
      <strong>This link could not be opened as it is.</strong>{' '}
      {dropped.length > 0
        ? `Opened what was valid in it; dropped: ${dropped.map(showDropped).join(', ')}.`
        : 'Showing the default session instead.'}
      <ul>
        {errors.map((e, i) => (
          <li key={i}>{e}</li>
        ))}
      </ul>
      <button type="button" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
