/* The link keeps the session's mutant: read from a query, written by Copy link and by URL sync, dropped with it. */
import { describe, expect, it } from 'vitest';
import { loopback } from './engine/loopback';
import { createUiStore } from './store';
import { currentLink, readLocation, syncUrl } from './url-sync';
import { withoutMutant } from './components/MutantBanner';

function hostFor(search: string) {
  const { state, errors } = readLocation(search);
  const link = loopback();
  const store = createUiStore(link.client, new Set());
  link.client.load(state.session, state.atUs ?? 0);
  link.drain();
  return { state, errors, link, store };
}

describe('url sync and the mutant', () => {
  it('reads mutant= and writes it back in Copy link and the address bar', () => {
    const { state, errors, store, link } = hostFor(
      '?scenario=ping-pong&seed=1&chaos=calm&mutant=drop-replies&t=50',
    );
    expect(errors).toBeNull();
    expect(state.session.mutant).toBe('drop-replies');
    expect(currentLink(store, 'https://x.test/')).toMatch(
      /^https:\/\/x\.test\/\?scenario=ping-pong&seed=1&chaos=calm&.*mutant=drop-replies&t=50$/,
    );
    const written: string[] = [];
    const history = {
      replaceState: (_s: unknown, _t: string, url: string) => void written.push(url),
    } as unknown as History;
    const location = {
      pathname: '/app/',
      search: '?scenario=ping-pong&seed=1&mutant=drop-replies&embed=1',
    } as Location;
    const stop = syncUrl(store, history, location);
    store.getState().actions.seek(60_000);
    link.drain();
    expect(written.at(-1)).toMatch(
      /^\/app\/\?scenario=ping-pong&seed=1&chaos=calm&.*mutant=drop-replies&t=60&embed=1$/,
    );
    // Dropping the mutant (the banner's button) rewrites the link without it, same moment.
    const real = withoutMutant(store.getState().session!);
    expect(real).not.toBeNull();
    store.getState().actions.load(real!, 60_000);
    link.drain();
    expect(written.at(-1)).not.toContain('mutant=');
    expect(written.at(-1)).toMatch(/&t=60&embed=1$/);
    expect(store.getState().view?.mutant).toBeNull();
    stop();
  });

  it('an unknown mutant is a bad link: the errors name it and the defaults open', () => {
    const { state, errors } = hostFor('?scenario=ping-pong&mutant=nope');
    expect(errors).toEqual([
      expect.stringMatching(/^unknown mutant "nope" \(one of: forget-reliable, /),
    ]);
    expect(state.session.mutant).toBeUndefined();
  });

  it('withoutMutant keeps everything else', () => {
    const { state } = hostFor(
      '?scenario=ping-pong&seed=7&chaos=storm&p.pings=30&script=1s_kill_n2&mutant=no-jitter',
    );
    const real = withoutMutant(state.session);
    expect(real).toEqual({ ...state.session, mutant: undefined });
    expect(real && 'mutant' in real).toBe(false);
  });
});
