/*
 * One clock over two runs: play, pause, step and seek go to both engines; on
 * every pause run B is put on run A's time exactly (two workers playing at
 * the same rate drift by a frame at most, and a paused view must compare the
 * same moment). Both play at a steady rate, never following packets (each
 * run's packets would set its own pace). Knows nothing of drawing.
 */
import type { AppServices } from '../app-context';

export class CompareClock {
  constructor(
    private readonly a: AppServices,
    private readonly b: AppServices,
  ) {
    // Following packets would move each run at its own pace: one clock needs one steady rate.
    a.engine.setPacing('rate');
    b.engine.setPacing('rate');
  }

  get playing(): boolean {
    return this.a.engine.playing;
  }

  togglePlay(): void {
    if (this.playing) this.pause();
    else this.play();
  }

  play(): void {
    this.b.engine.play();
    this.a.engine.play();
  }

  pause(): void {
    this.a.engine.pause();
    this.b.engine.pause();
    void this.align();
  }

  seek(timeUs: number): void {
    this.a.engine.seek(timeUs);
    this.b.engine.seek(timeUs);
  }

  stepTime(deltaUs: number): void {
    this.a.engine.seekBy(deltaUs);
    this.b.engine.seekBy(deltaUs);
    void this.align();
  }

  setSpeed(speed: number): void {
    this.a.engine.setSpeed(speed);
    this.b.engine.setSpeed(speed);
  }

  /** Puts B on A's time once A has stopped moving. */
  async align(): Promise<void> {
    await this.a.engine.settled();
    const timeUs = this.a.engine.latest?.timeUs;
    if (timeUs !== undefined && !this.playing && this.b.engine.latest?.timeUs !== timeUs)
      this.b.engine.seek(timeUs);
  }

  /** Both engines have carried out what was sent (for tests and the URL). */
  async settled(): Promise<void> {
    await Promise.all([this.a.engine.settled(), this.b.engine.settled()]);
  }
}
