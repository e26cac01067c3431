/* `tidepool diff`: where two shared runs part, their metric deltas, and bad links. */
import { describe, expect, it } from 'vitest';
import { cli } from './cli-test-kit';

const PING = '?scenario=ping-pong&seed=4&t=6000';

describe('tidepool diff', () => {
  it('reports the first divergent event at the time of the one intervention that differs', async () => {
    const { status, stdout } = await cli(['diff', PING, `${PING}&script=2.5s_kill_n1`, '--json']);
    expect(status).toBe(1);
    const out = JSON.parse(stdout);
    expect(out.identical).toBe(false);
    // B's side of the first difference is the kill itself, at 2.5 s; A's is whatever came next.
    expect(out.divergence.b).toMatchObject({ timeUs: 2_500_000, kind: 'intervention_applied' });
    expect(out.divergence.a.timeUs).toBeGreaterThanOrEqual(2_500_000);
    expect(out.untilUs).toBe(6_000_000);
  });

  it('reports none for identical sessions, and exits 0', async () => {
    const { status, stdout } = await cli(['diff', PING, `https://example.org/tidepool/${PING}#x`]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/identical: the two traces agree event for event/);
    expect(stdout).not.toMatch(/first divergence/);
  });

  it('shows the herd: without jitter the peak of connect attempts per 10 ms is at least 3× higher', async () => {
    const herd = '?scenario=herd&seed=1&p.clients=20';
    const { stdout } = await cli(['diff', herd, `${herd}&t.jitter=0`, '--json']);
    const out = JSON.parse(stdout);
    const jittered = out.a.metrics.connectPeak.attempts;
    const lockstep = out.b.metrics.connectPeak.attempts;
    expect(lockstep).toBe(20); // every client dials in the same 10 ms
    expect(lockstep).toBeGreaterThanOrEqual(3 * jittered);
    expect(out.divergence.a.kind).toBe('backoff_scheduled'); // the first jitter draw is where they part
    const row = out.deltas.find(
      (d: { name: string }) => d.name === 'peak connect attempts per 10 ms',
    );
    expect(row).toMatchObject({ a: jittered, b: lockstep });
  });

  it('names the bad link and changes nothing', async () => {
    const { status, stderr, stdout } = await cli(['diff', PING, '?scenario=ping-pong&t.jitter=7']);
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/link B: transport knob jitter must be a fraction from 0 to 1/);
    expect((await cli(['diff', PING])).stderr).toMatch(/diff needs two links, or one compare link/);
  });

  it('takes one compare link as copied from the page (both runs in it)', async () => {
    const one = await cli(['diff', `${PING}&vs.script=2.5s_kill_n1`, '--json']);
    const two = await cli(['diff', PING, `${PING}&script=2.5s_kill_n1`, '--json']);
    expect(one.status).toBe(1);
    expect(JSON.parse(one.stdout)).toEqual(JSON.parse(two.stdout));
  });
});
