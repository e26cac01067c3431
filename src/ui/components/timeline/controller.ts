/*
 * Wires the timeline canvas to the app: feeds trace batches into the index,
 * watches the store (cursor, selection, playing), keeps the visible window
 * (follow / zoom / pan), turns pointer, wheel and keys into seeks, selections
 * and window moves, and repaints at most once per animation frame, only when
 * something changed. The React component just mounts it.
 */
import type { AppServices } from '../../app-context';
import type { TraceEvent } from '../../../core/sim';
import type { TraceListener, UiState } from '../../store';
import { formatMoment } from '../../../core/sim/time';
import {
  buildDrawList,
  DrawList,
  hitArrow,
  hitBar,
  hitFault,
  hitStateBand,
  hitMark,
  timeToX,
  xToTime,
  type Layout,
} from './draw-list';
import {
  CONTROLS_W,
  gutterWidth,
  lanesArea,
  overviewRect,
  paint,
  RPC_OFFSET,
  RPC_THICKNESS,
  STATE_BAND_H,
} from './render';
import {
  clampSpan,
  followStart,
  niceStep,
  panWindow,
  zoomWindow,
  type TimeWindow,
} from './time-axis';
import { TimelineIndex, type FaultSpan, type PointMark } from './timeline-index';
import { TextSprites } from './text-sprites';
import { findScenario } from '../../../core/scenario/registry';
import type { Session } from '../../../core/session';
import { cssZoomOf } from '../../css-zoom';
import {
  describeFault,
  describeMark,
  describePacket,
  describeRpc,
  describeStateBand,
} from './describe';

export const DEFAULT_SPAN_US = 2_000_000;
/** While history streams in, the timeline is redrawn at most this often (ms). */
const HISTORY_REDRAW_MS = 250;
const HIT_RADIUS = 5;
/** A click selects a packet only this close to its arrow, and only at a readable zoom; elsewhere it seeks. */
const DIRECT_HIT = 2.5;
/** Readable: arrows drawn at least this far apart on average (px); denser, every click seeks (Alt+click still selects). */
const READABLE_ARROW_GAP_PX = 6;
const PLAYHEAD_GRAB = 6;
const DRAG_THRESHOLD = 4;

export interface TimelineUiState {
  readonly follow: boolean;
  readonly spanUs: number;
}

type Drag =
  /** `pan`: Shift was held — the drag pans instead of scrubbing. */
  | { kind: 'press'; x: number; y: number; t0: number; id: number; pan: boolean }
  | { kind: 'pan'; x: number; t0: number; id: number }
  | { kind: 'playhead'; id: number }
  | { kind: 'overview'; id: number }
  | { kind: 'pinch'; dist: number; spanUs: number; anchorUs: number; frac: number };

function sessionKey(s: UiState['session']): string {
  return s
    ? `${s.scenario}|${s.seed}|${s.chaos}|${JSON.stringify(s.params)}|${s.mutant ?? ''}|${JSON.stringify(s.transport ?? null)}`
    : '';
}

export class TimelineController {
  private index: TimelineIndex;
  private readonly list = new DrawList();
  private win: TimeWindow = { t0: 0, spanUs: DEFAULT_SPAN_US, follow: true };
  private width = 0;
  private height = 0;
  private dpr = 1;
  private frame = 0;
  private dirty = true;
  private layout: Layout | null = null;
  private gutter = 40;
  private stepUs = 100_000;
  private key = '';
  private scriptLength = 0;
  private maxReachedUs = 0;
  /**
   * The run as seen before a rewind: drawn faint beyond the playhead, so the
   * future already seen stays in view. Dropped when the run forks (an
   * intervention), changes, or is seen again to where the ghost reached.
   */
  private ghost: TimelineIndex | null = null;
  private readonly ghostList = new DrawList();
  private nowUs = 0;
  private hoverX: number | null = null;
  /** Where the pointer rests over the canvas (hover texts are refreshed when things move under it). */
  private pointer: { x: number; y: number } | null = null;
  private hoverPacket = -1;
  private selectedId: string | null = null;
  private selectedIdx = -1;
  private selectedAt = -1;
  private drag: Drag | null = null;
  private readonly pointers = new Map<number, { x: number; y: number }>();
  private scrubTarget: number | null = null;
  private scrubIssued: number | null = null;
  private arrivals = new Map<string, number>();
  private arrivalsFrom: unknown = null;
  private reducedMotion = false;
  private lastAria = '';
  private readonly cleanups: (() => void)[] = [];
  /** While the run's start is being replayed for us (the engine did not keep it): how far, and how to stop it. */
  private backfill: {
    fromSeq: number;
    untilSeq: number;
    receivedSeq: number;
    cancel: () => void;
  } | null = null;
  private readonly held: (readonly TraceEvent[])[] = [];
  /** When the timeline was last redrawn for history arriving (performance.now ms). */
  private historyDrawnMs = -Infinity;
  private readonly ctx: CanvasRenderingContext2D;
  /** Last frame's paint cost, ms (for tests and tuning). */
  /** Labels as bitmaps (see text-sprites.ts), for the current device pixel ratio. */
  private text = new TextSprites(1);
  lastPaintMs = 0;
  paints = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly canvas: HTMLCanvasElement,
    private readonly tip: HTMLElement,
    private readonly services: AppServices,
    private readonly onUi: (s: TimelineUiState) => void,
  ) {
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d canvas context');
    this.ctx = ctx;
    const { engine, store, traceListeners } = services;
    const session = engine.latest?.session ?? null;
    this.index = new TimelineIndex(lanesOf(session));
    this.key = session ? sessionKey(session) : '';
    this.scriptLength = session?.script.length ?? 0;

    const listener: TraceListener = (events, reset) => this.onTrace(events, reset);
    traceListeners.add(listener);
    this.cleanups.push(() => traceListeners.delete(listener));

    // Catch up on what arrived before we mounted. If the engine does not keep
    // the start of the run (a far link was reached headless, or the ring
    // evicted it), its worker replays that part for us, and live batches wait.
    // A gap before the mirror's first event is found like any other (onTrace).
    const { events } = engine.traceSince(0);
    this.nowUs = engine.latest?.timeUs ?? 0;
    this.maxReachedUs = this.nowUs;
    if (events.length > 0) this.onTrace(events, false);
    this.cleanups.push(store.subscribe((s, prev) => this.onStore(s, prev)));
    this.onStore(store.getState(), null);

    const media = window.matchMedia?.('(prefers-reduced-motion: reduce)');
    if (media) {
      this.reducedMotion = media.matches;
      const onMedia = () => {
        this.reducedMotion = media.matches;
      };
      media.addEventListener('change', onMedia);
      this.cleanups.push(() => media.removeEventListener('change', onMedia));
    }

    const ro = new ResizeObserver(() => this.resize());
    ro.observe(root);
    this.cleanups.push(() => ro.disconnect());
    this.resize();

    this.listen(canvas, 'pointerdown', (e) => this.onPointerDown(e as PointerEvent));
    this.listen(canvas, 'pointermove', (e) => this.onPointerMove(e as PointerEvent));
    this.listen(canvas, 'pointerup', (e) => this.onPointerUp(e as PointerEvent));
    this.listen(canvas, 'pointercancel', (e) => this.onPointerCancel(e as PointerEvent));
    this.listen(canvas, 'pointerleave', () => {
      this.pointer = null;
      this.setHover(null, -1);
    });
    this.listen(canvas, 'wheel', (e) => this.onWheel(e as WheelEvent), { passive: false });
    this.listen(canvas, 'keydown', (e) => this.onKey(e as KeyboardEvent));
    this.emitUi();
  }

  dispose(): void {
    this.stopBackfill();
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const c of this.cleanups.splice(0)) c();
  }

  // ---- commands from the buttons ----

  zoomBy(factor: number): void {
    const anchor = this.win.follow ? this.nowUs : this.win.t0 + this.win.spanUs / 2;
    this.setWindow(zoomWindow(this.win, factor, anchor));
  }

  /** Shows the whole run so far. */
  fit(): void {
    const end = Math.max(this.maxReachedUs, this.nowUs, 1000);
    this.setWindow({ t0: 0, spanUs: clampSpan(end / FOLLOW_FIT), follow: false });
  }

  setFollow(follow: boolean): void {
    this.setWindow({ ...this.win, follow });
  }

  // ---- inputs ----

  private onTrace(events: readonly TraceEvent[], reset: boolean): void {
    if (this.backfill && !reset) {
      this.held.push(events);
      return;
    }
    if (reset) {
      this.stopBackfill();
      // The frame being delivered is the client's latest (the store catches up after us).
      const frame = this.services.engine.latest;
      const session = frame?.session ?? null;
      const key = session ? sessionKey(session) : '';
      if (key !== this.key) {
        // A different run: new lanes, new window.
        this.key = key;
        this.index = new TimelineIndex(lanesOf(session));
        this.scriptLength = session?.script.length ?? 0;
        this.maxReachedUs = 0;
        this.win = { t0: 0, spanUs: this.win.spanUs, follow: true };
        this.selectedIdx = -1;
        this.selectedAt = -1;
        this.ghost = null;
        this.emitUi();
      } else this.rewound(session, frame?.timeUs ?? 0);
    }
    // Events the index has not seen before this batch (a run reached headless, a resumed engine,
    // events the engine did not keep): the worker replays them for us, and live batches wait.
    const first = events[0]?.seq;
    if (first !== undefined && first > this.index.nextSeq) {
      this.startBackfill(this.index.nextSeq, first, events);
      this.invalidate();
      return;
    }
    if (this.index.ingest(events) || reset) this.invalidate();
  }

  /**
   * The same run's engine was replaced (a seek back, a parked engine resumed):
   * the index starts afresh, and if the cursor went back, what was seen ahead
   * of it becomes the ghost (the one that reaches further, if there is one).
   */
  private rewound(session: UiState['session'], atUs: number): void {
    const seen = this.index;
    if (seen.lastTimeUs > atUs && seen.lastTimeUs > (this.ghost?.lastTimeUs ?? -1)) {
      this.ghost = seen;
      this.index = new TimelineIndex(lanesOf(session));
    } else this.index.reset();
  }

  /** Asks the engine's worker for events [fromSeq, untilSeq) and holds `live` (and what follows) until they are in. */
  private startBackfill(fromSeq: number, untilSeq: number, live: readonly TraceEvent[]): void {
    const engine = this.services.engine;
    const epoch = engine.latest?.epoch ?? 0;
    this.held.push(live);
    const job = {
      fromSeq,
      untilSeq,
      receivedSeq: fromSeq,
      cancel: engine.requestHistory(
        epoch,
        untilSeq,
        (batch) => {
          this.index.ingest(batch);
          job.receivedSeq = batch[batch.length - 1]?.seq ?? job.receivedSeq;
          // Redrawn a few times a second while history streams in: a canvas changed for every
          // batch made each of the page's commits wait 50–150 ms (Chromium trace).
          const nowMs = performance.now();
          if (nowMs - this.historyDrawnMs >= HISTORY_REDRAW_MS) {
            this.historyDrawnMs = nowMs;
            this.invalidate();
          }
        },
        () => {
          this.backfill = null;
          delete this.root.dataset.loading;
          for (const batch of this.held.splice(0)) this.index.ingest(batch);
          this.invalidate();
        },
        fromSeq,
      ),
    };
    this.backfill = job;
    // Readers of the picture (a bug report's PNG) wait until the history is all in.
    this.root.dataset.loading = 'history';
  }

  private stopBackfill(): void {
    this.backfill?.cancel();
    this.backfill = null;
    delete this.root.dataset.loading;
    this.held.length = 0;
  }

  private onStore(s: UiState, prev: UiState | null): void {
    const now = s.view?.timeUs ?? this.nowUs;
    const moved = now !== this.nowUs;
    this.nowUs = now;
    if (s.seekProgress === null && now > this.maxReachedUs) this.maxReachedUs = now;
    if (
      s.session &&
      sessionKey(s.session) === this.key &&
      s.session.script.length !== this.scriptLength
    ) {
      // An intervention forked the run here: what lay beyond is gone.
      this.scriptLength = s.session.script.length;
      this.maxReachedUs = now;
      this.ghost = null;
    }
    if (prev && s.playing && !prev.playing && !this.win.follow)
      this.setWindow({ ...this.win, follow: true });
    if (s.selectedPacket !== this.selectedId) {
      this.selectedId = s.selectedPacket;
      this.selectedAt = -1;
    }
    // The cursor moved out of the window (a step, a jump to a violation, a
    // link) while nobody was dragging or seeking here: bring it back.
    if (
      moved &&
      !this.win.follow &&
      s.seekProgress === null &&
      this.drag === null &&
      this.scrubTarget === null &&
      (now < this.win.t0 || now > this.win.t0 + this.win.spanUs)
    ) {
      this.setWindow({ ...this.win, follow: true });
    }
    const changed =
      prev === null ||
      moved ||
      s.selectedPacket !== prev.selectedPacket ||
      s.selectedNode !== prev.selectedNode ||
      s.seekProgress !== prev.seekProgress ||
      s.playing !== prev.playing;
    // A queued scrub goes out once the host is free.
    if (changed || (this.scrubTarget !== null && s.seekProgress === null)) this.invalidate();
  }

  private listen(
    target: EventTarget,
    type: string,
    fn: (e: Event) => void,
    options?: AddEventListenerOptions,
  ): void {
    target.addEventListener(type, fn, options);
    this.cleanups.push(() => target.removeEventListener(type, fn, options));
  }

  private resize(): void {
    const rect = this.root.getBoundingClientRect();
    this.width = Math.max(50, Math.floor(rect.width));
    this.height = Math.max(40, Math.floor(rect.height));
    this.dpr = Math.min(3, window.devicePixelRatio || 1);
    if (this.text.dpr !== this.dpr) this.text = new TextSprites(this.dpr);
    this.canvas.width = Math.round(this.width * this.dpr);
    this.canvas.height = Math.round(this.height * this.dpr);
    this.invalidate();
  }

  private setWindow(w: TimeWindow): void {
    const changed = w.spanUs !== this.win.spanUs || w.follow !== this.win.follow;
    this.win = w;
    if (changed) this.emitUi();
    this.invalidate();
  }

  private emitUi(): void {
    this.onUi({ follow: this.win.follow, spanUs: this.win.spanUs });
  }

  invalidate(): void {
    this.dirty = true;
    if (!this.frame) this.frame = requestAnimationFrame(() => this.draw());
  }

  // ---- drawing ----

  private currentLayout(): Layout {
    const state = this.services.store.getState();
    if (this.win.follow && state.seekProgress === null && this.drag?.kind !== 'pan') {
      const t0 = followStart(this.win, this.nowUs, this.reducedMotion);
      if (t0 !== this.win.t0) this.win = { ...this.win, t0 };
    }
    const { laneTop, laneH } = lanesArea(this.height, this.index.lanes.length);
    return {
      t0: this.win.t0,
      t1: this.win.t0 + this.win.spanUs,
      x0: this.gutter,
      x1: this.width - 8,
      laneTop,
      laneH,
      nowUs: this.nowUs,
    };
  }

  private draw(): void {
    this.frame = 0;
    const state = this.services.store.getState();
    this.issueScrub(state);
    if (!this.dirty) return;
    this.dirty = false;
    const started = performance.now();
    this.gutter = gutterWidth(this.text, this.index.lanes);
    const l = this.currentLayout();
    this.layout = l;
    this.stepUs = niceStep((l.t1 - l.t0) / Math.max(2, (l.x1 - l.x0) / 95));
    this.refreshArrivals(state);
    buildDrawList(
      this.index,
      l,
      this.list,
      (i) => this.arrivals.get(this.index.packetId(i)) ?? null,
    );
    if (this.ghost && this.index.lastTimeUs >= this.ghost.lastTimeUs) this.ghost = null; // seen again
    // The ghost shows only ahead of the playhead: nothing to build when that is off the window.
    const ghost = this.ghost && l.nowUs < l.t1 ? this.ghost : null;
    if (ghost) buildDrawList(ghost, l, this.ghostList);
    const ctx = this.ctx;
    ctx.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    paint(ctx, {
      ghost: ghost ? { index: ghost, list: this.ghostList } : null,
      width: this.width,
      height: this.height,
      layout: l,
      gutter: this.gutter,
      stepUs: this.stepUs,
      list: this.list,
      index: this.index,
      selectedPacket: this.selectedPacket(),
      hoverPacket: this.hoverPacket,
      hoverX: this.hoverX,
      ghostUs: this.scrubTarget,
      selectedNode: state.selectedNode,
      overviewEndUs: Math.max(this.maxReachedUs, this.nowUs, 1),
      loading: this.backfill
        ? Math.min(
            1,
            (this.backfill.receivedSeq - this.backfill.fromSeq) /
              Math.max(1, this.backfill.untilSeq - this.backfill.fromSeq),
          )
        : null,
      text: this.text,
    });
    this.updateAria();
    if (this.pointer && this.drag === null) this.hover(this.pointer.x, this.pointer.y);
    this.lastPaintMs = performance.now() - started;
    this.paints++;
    // For browser tests and tuning: the cost of the last frame (build + paint, CPU side).
    this.canvas.dataset.paintMs = this.lastPaintMs.toFixed(2);
    this.canvas.dataset.paints = String(this.paints);
    this.canvas.dataset.ghostUntilUs = this.ghost ? String(this.ghost.lastTimeUs) : '';
  }

  private selectedPacket(): number {
    if (this.selectedId === null) return -1;
    if (this.selectedAt !== this.index.version) {
      this.selectedAt = this.index.version;
      this.selectedIdx = this.index.findPacket(this.selectedId);
    }
    return this.selectedIdx;
  }

  /** Scheduled arrival of in-flight packets, from the engine's view (to aim their arrows). */
  private refreshArrivals(state: UiState): void {
    const packets = state.view?.packets;
    if (!packets || packets === this.arrivalsFrom) return;
    this.arrivalsFrom = packets;
    this.arrivals = new Map();
    for (const p of packets) if (p.deliverUs !== null) this.arrivals.set(p.id, p.deliverUs);
  }

  private updateAria(): void {
    const aria = `${this.nowUs}|${this.maxReachedUs}`;
    if (aria === this.lastAria) return;
    this.lastAria = aria;
    this.canvas.setAttribute('aria-valuenow', String(this.nowUs));
    this.canvas.setAttribute('aria-valuemax', String(Math.max(this.maxReachedUs, this.nowUs)));
    this.canvas.setAttribute('aria-valuetext', formatMoment(this.nowUs));
  }

  // ---- seeking ----

  private seek(t: number): void {
    this.services.store.getState().actions.seek(Math.max(0, Math.round(t)));
  }

  /** Drag-seeks go out as fast as the host works them off, the latest one winning. */
  private scrubTo(t: number): void {
    this.scrubTarget = Math.max(0, Math.round(t));
    this.invalidate();
  }

  private issueScrub(state: UiState): void {
    if (this.scrubTarget === null) return;
    if (this.scrubTarget !== this.scrubIssued && state.seekProgress === null) {
      this.scrubIssued = this.scrubTarget;
      this.seek(this.scrubTarget);
      this.dirty = true;
    }
    if (
      this.drag === null &&
      this.scrubIssued === this.scrubTarget &&
      state.seekProgress === null &&
      this.nowUs === this.scrubTarget
    ) {
      this.scrubTarget = null;
      this.scrubIssued = null;
      this.dirty = true;
    } else if (this.scrubTarget !== null && !this.frame) {
      // Keep polling until the host is free.
      this.frame = requestAnimationFrame(() => this.draw());
    }
  }

  // ---- pointer ----

  private local(e: { clientX: number; clientY: number }): { x: number; y: number } {
    const r = this.canvas.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  }

  private inOverview(x: number, y: number): boolean {
    const r = overviewRect(this.width, this.height, this.gutter);
    return y >= r.y0 - 2 && y <= r.y1 + 2 && x >= r.x0 && x <= r.x1;
  }

  private overviewTime(x: number): number {
    const r = overviewRect(this.width, this.height, this.gutter);
    const end = Math.max(this.maxReachedUs, this.nowUs, 1);
    return Math.max(0, Math.min(end, ((x - r.x0) / (r.x1 - r.x0)) * end));
  }

  private playheadX(): number | null {
    if (!this.layout) return null;
    return timeToX(this.layout, this.scrubTarget ?? this.nowUs);
  }

  private onPointerDown(e: PointerEvent): void {
    if (e.button !== 0 || !this.layout) return;
    const p = this.local(e);
    this.pointers.set(e.pointerId, p);
    this.canvas.setPointerCapture?.(e.pointerId);
    this.setHover(null, -1);
    if (this.pointers.size === 2) {
      const [a, b] = [...this.pointers.values()] as [
        { x: number; y: number },
        { x: number; y: number },
      ];
      const mid = (a.x + b.x) / 2;
      const anchorUs = xToTime(this.layout, mid);
      this.drag = {
        kind: 'pinch',
        dist: Math.max(10, Math.abs(a.x - b.x)),
        spanUs: this.win.spanUs,
        anchorUs,
        frac: (anchorUs - this.win.t0) / this.win.spanUs,
      };
      return;
    }
    if (this.inOverview(p.x, p.y)) {
      this.drag = { kind: 'overview', id: e.pointerId };
      this.overviewSeek(p.x);
      return;
    }
    const px = this.playheadX();
    if (
      px !== null &&
      Math.abs(p.x - px) <= PLAYHEAD_GRAB &&
      p.y <= this.lanesBottom() &&
      p.x >= this.gutter - PLAYHEAD_GRAB
    ) {
      this.drag = { kind: 'playhead', id: e.pointerId };
      this.setWindow({ ...this.win, follow: false });
      return;
    }
    this.drag = {
      kind: 'press',
      x: p.x,
      y: p.y,
      t0: this.win.t0,
      id: e.pointerId,
      pan: e.shiftKey,
    };
  }

  private onPointerMove(e: PointerEvent): void {
    const p = this.local(e);
    this.pointer = p;
    if (this.pointers.has(e.pointerId)) this.pointers.set(e.pointerId, p);
    const d = this.drag;
    if (!d) return this.hover(p.x, p.y);
    if (d.kind === 'pinch') {
      const [a, b] = [...this.pointers.values()];
      if (!a || !b) return;
      const spanUs = clampSpan((d.spanUs * d.dist) / Math.max(10, Math.abs(a.x - b.x)));
      this.setWindow({ ...this.win, spanUs, t0: Math.max(0, d.anchorUs - d.frac * spanUs) });
      return;
    }
    if (d.id !== e.pointerId || !this.layout) return;
    const usPerPx = this.win.spanUs / Math.max(1, this.layout.x1 - this.layout.x0);
    if (d.kind === 'press') {
      if (Math.hypot(p.x - d.x, p.y - d.y) < DRAG_THRESHOLD) return;
      if (d.pan) {
        // Shift+drag pans, on a paused run; while playing the window follows the playhead.
        if (this.services.store.getState().playing) return;
        this.drag = { kind: 'pan', x: d.x, t0: d.t0, id: d.id };
        this.canvas.style.cursor = 'grabbing';
      } else {
        // A plain drag in the lanes scrubs, wherever it starts.
        this.drag = { kind: 'playhead', id: d.id };
        this.setWindow({ ...this.win, follow: false });
        this.canvas.style.cursor = 'ew-resize';
      }
    }
    if (this.drag?.kind === 'pan')
      this.setWindow(panWindow({ ...this.win, t0: this.drag.t0 }, -(p.x - this.drag.x) * usPerPx));
    else if (d.kind === 'playhead')
      this.scrubTo(
        Math.max(0, xToTime(this.layout, Math.max(this.layout.x0, Math.min(this.layout.x1, p.x)))),
      );
    else if (d.kind === 'overview') this.overviewSeek(p.x);
  }

  private onPointerUp(e: PointerEvent): void {
    const p = this.local(e);
    this.pointers.delete(e.pointerId);
    const d = this.drag;
    if (!d) return;
    if (d.kind === 'pinch') {
      if (this.pointers.size === 0) this.drag = null;
      return;
    }
    if (d.id !== e.pointerId) return;
    this.drag = null;
    this.canvas.style.cursor = '';
    if (d.kind === 'press' && this.layout) {
      const packet = this.packetToSelect(p.x, p.y, e.altKey);
      const { actions } = this.services.store.getState();
      const why = packet >= 0 ? -1 : this.explainableAt(p.x, p.y);
      if (packet >= 0) actions.selectPacket(this.index.packetId(packet));
      else if (why >= 0) actions.explain(why);
      else if (p.x >= this.layout.x0 - 2 && p.y <= this.lanesBottom()) {
        this.setWindow({ ...this.win, follow: false });
        this.seek(xToTime(this.layout, Math.max(this.layout.x0, p.x)));
      }
    }
    this.invalidate();
    this.hover(p.x, p.y);
  }

  /**
   * The packet a click selects: a direct hit at a readable zoom, or the
   * nearest within HIT_RADIUS with Alt; −1 otherwise, and the click seeks.
   * Zoomed out, arrows cover the lanes and every click used to land on one.
   */
  private packetToSelect(x: number, y: number, alt: boolean): number {
    if (alt) return hitArrow(this.list, x, y, HIT_RADIUS);
    return this.readable() ? hitArrow(this.list, x, y, DIRECT_HIT) : -1;
  }

  private readable(): boolean {
    const l = this.layout;
    if (!l) return false;
    return this.list.all.count * READABLE_ARROW_GAP_PX <= Math.max(1, l.x1 - l.x0);
  }

  private onPointerCancel(e: PointerEvent): void {
    this.pointers.delete(e.pointerId);
    this.drag = null;
    this.canvas.style.cursor = '';
  }

  private overviewSeek(x: number): void {
    const t = this.overviewTime(x);
    this.setWindow({ ...this.win, follow: false, t0: Math.max(0, t - this.win.spanUs / 2) });
    this.scrubTo(t);
  }

  private lanesBottom(): number {
    return overviewRect(this.width, this.height, this.gutter).y0 - 3;
  }

  private onWheel(e: WheelEvent): void {
    if (!this.layout) return;
    e.preventDefault();
    const p = this.local(e);
    const scale = e.deltaMode === 1 ? 16 : e.deltaMode === 2 ? 100 : 1;
    const dx = e.deltaX * scale;
    const dy = e.deltaY * scale;
    if (Math.abs(dx) > Math.abs(dy) && !e.ctrlKey) {
      if (this.services.store.getState().playing) return;
      this.setWindow(
        panWindow(this.win, (dx * this.win.spanUs) / Math.max(1, this.layout.x1 - this.layout.x0)),
      );
      return;
    }
    const factor = Math.exp(dy * (e.ctrlKey ? 0.01 : 0.0015));
    const anchor = this.win.follow
      ? this.nowUs
      : xToTime(this.layout, Math.max(this.layout.x0, p.x));
    this.setWindow(zoomWindow(this.win, factor, anchor));
  }

  private onKey(e: KeyboardEvent): void {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const step = this.stepUs * (e.shiftKey ? 10 : 1);
    let handled = true;
    if (e.key === 'ArrowLeft') this.seek(this.nowUs - step);
    else if (e.key === 'ArrowRight') this.seek(this.nowUs + step);
    else if (e.key === 'Home') {
      this.setWindow({ ...this.win, follow: true });
      this.seek(0);
    } else if (e.key === 'End') {
      this.setWindow({ ...this.win, follow: true });
      this.seek(Math.max(this.maxReachedUs, this.nowUs));
    } else if (e.key === '+' || e.key === '=') this.zoomBy(1 / 1.6);
    else if (e.key === '-' || e.key === '_') this.zoomBy(1.6);
    else if (e.key === 'Escape') this.services.store.getState().actions.selectPacket(null);
    else handled = false;
    if (handled) {
      e.preventDefault();
      e.stopPropagation(); // the app's → steps one event; here it steps the grid
    }
  }

  // ---- hover ----

  private hover(x: number, y: number): void {
    if (!this.layout) return;
    const l = this.layout;
    const px = this.playheadX();
    let text: string | null = null;
    let packet = -1;
    let cursor = '';
    if (this.inOverview(x, y)) {
      text = `${formatMoment(this.overviewTime(x))} — click or drag to jump`;
      cursor = 'pointer';
    } else if (x >= l.x0 && y <= this.lanesBottom()) {
      packet = this.packetToSelect(x, y, false);
      if (packet >= 0) {
        text = describePacket(this.index, packet, this.nowUs);
        cursor = 'pointer';
      } else if (px !== null && Math.abs(x - px) <= PLAYHEAD_GRAB) {
        text = `${formatMoment(this.scrubTarget ?? this.nowUs)} — drag to scrub`;
        cursor = 'ew-resize';
      } else {
        const mark: { mark: PointMark } | null =
          y < l.laneTop ? this.flagAt(x) : hitMark(this.list, x, y);
        const rpc = mark ? -1 : hitBar(this.list, x, y, RPC_OFFSET, RPC_THICKNESS);
        const band = mark || rpc >= 0 ? null : hitStateBand(this.list, l, x, y, STATE_BAND_H);
        const fault: { fault: FaultSpan } | null =
          mark || rpc >= 0 || band ? null : hitFault(this.list, x, y);
        if (mark) text = describeMark(mark.mark);
        else if (rpc >= 0) text = describeRpc(this.index, rpc, this.nowUs);
        else if (band) text = describeStateBand(this.index, band);
        else if (fault) text = describeFault(this.index, fault.fault);
        const why = mark ? mark.mark.seq : rpc >= 0 ? (this.index.rpcs.endSeq.data[rpc] ?? -1) : -1;
        text =
          (text ? `${text}\n` : '') +
          (why >= 0
            ? 'click: Why? — the chain of causes behind it'
            : `${formatMoment(xToTime(l, x))} — click to seek, drag to scrub${this.readable() ? '' : ' (Alt+click: the packet under it)'}`);
        cursor = 'crosshair';
      }
    }
    this.canvas.style.cursor = cursor;
    this.setHover(x >= l.x0 ? x : null, packet);
    this.showTip(text, x, y);
  }

  /** The trace event behind what is under (x, y) — a violation flag or mark, or an ended call — or −1. Clicking it asks "Why?". */
  private explainableAt(x: number, y: number): number {
    const l = this.layout;
    if (!l || x < l.x0 || y > this.lanesBottom()) return -1;
    const mark: { mark: PointMark } | null =
      y < l.laneTop ? this.flagAt(x) : hitMark(this.list, x, y);
    if (mark) return mark.mark.seq;
    const rpc = hitBar(this.list, x, y, RPC_OFFSET, RPC_THICKNESS);
    return rpc >= 0 ? (this.index.rpcs.endSeq.data[rpc] ?? -1) : -1;
  }

  private flagAt(x: number): { mark: PointMark } | null {
    for (const m of this.list.marks)
      if (m.mark.kind === 'violation' && Math.abs(m.x - x) <= 6) return m;
    return null;
  }

  private setHover(x: number | null, packet: number): void {
    if (x === null) this.showTip(null, 0, 0);
    if (x === this.hoverX && packet === this.hoverPacket) return;
    this.hoverX = x;
    this.hoverPacket = packet;
    this.invalidate();
  }

  private showTip(text: string | null, x: number, y: number): void {
    const tip = this.tip;
    if (text === null) {
      tip.hidden = true;
      return;
    }
    tip.textContent = text;
    tip.hidden = false;
    const w = tip.offsetWidth;
    const h = tip.offsetHeight;
    const left = x + 14 + w > this.width - CONTROLS_W / 4 ? Math.max(4, x - 14 - w) : x + 14;
    const top = Math.max(2, Math.min(this.height - h - 2, y - h - 8 < 0 ? y + 14 : y - h - 8));
    const z = cssZoomOf(tip); // the tip is placed in its own px, the pointer is in the screen's
    tip.style.transform = `translate(${Math.round(left / z)}px, ${Math.round(top / z)}px)`;
  }
}

/** Fit leaves a little room after the latest time. */
const FOLLOW_FIT = 0.97;

/** The run's hosts, in topology order, for the timeline's lanes. */
function lanesOf(session: Session | null): { name: string; ip: string }[] {
  const scenario = session ? findScenario(session.scenario) : undefined;
  if (!session || !scenario) return [];
  return scenario.topology(session.params).map((h) => ({ name: h.name, ip: h.ip }));
}
