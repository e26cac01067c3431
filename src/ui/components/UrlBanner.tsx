/*
 * Shown when the page was opened with a malformed link: names each bad
 * parameter (as plain text — never HTML) and says the defaults are in use.
 */
import { useUi } from '../app-context';

export function UrlBanner() {
  const errors = useUi((s) => s.urlErrors);
  const dismiss = useUi((s) => s.actions.dismissUrlErrors);
  if (!errors) return null;
  return (
    <div className="url-error" role="alert" data-testid="url-error">
      <strong>This link could not be opened as it is.</strong> Showing the default session instead.
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
