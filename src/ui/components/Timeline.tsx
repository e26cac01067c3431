/*
 * The timeline panel: a space-time diagram of the run on a canvas — one lane
 * per node, an arrow per packet, RPC spans, fault bands, kills and violations
 * — with a playhead bound to the shared time cursor, an overview strip of the
 * whole run, and zoom / fit / follow buttons; under it, the run's branches as
 * forks when there are some (Explore). The drawing and input handling live in
 * ./timeline (this file only mounts them).
 */
import { useEffect, useRef, useState } from 'react';
import { useServices } from '../app-context';
import { DEFAULT_SPAN_US, TimelineController, type TimelineUiState } from './timeline/controller';
import { formatSpan } from './timeline/time-axis';
import { TimelineForks } from './explore/TimelineForks';
import './timeline/timeline.css';

export function Timeline() {
  const services = useServices();
  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const tipRef = useRef<HTMLDivElement>(null);
  const controller = useRef<TimelineController | null>(null);
  const [ui, setUi] = useState<TimelineUiState>({ follow: true, spanUs: DEFAULT_SPAN_US });

  useEffect(() => {
    const root = rootRef.current;
    const canvas = canvasRef.current;
    const tip = tipRef.current;
    if (!root || !canvas || !tip) return;
    const c = new TimelineController(root, canvas, tip, services, setUi);
    controller.current = c;
    return () => {
      c.dispose();
      controller.current = null;
    };
  }, [services]);

  return (
    <>
      <div data-testid="timeline" className="tl" ref={rootRef}>
        <canvas
          ref={canvasRef}
          className="tl-canvas"
          tabIndex={0}
          role="slider"
          aria-label="Timeline: one lane per node, an arrow per packet. Click to seek, drag to scrub, Shift+drag to pan; click right on an arrow (or Alt+click) to inspect it; arrow keys step, Home and End jump, plus and minus zoom."
          aria-valuemin={0}
          data-testid="timeline-canvas"
        />
        <div className="tl-tip mono" ref={tipRef} role="tooltip" hidden />
        <div className="tl-controls" role="group" aria-label="Timeline zoom">
          <button
            type="button"
            title="Zoom out (−, wheel)"
            aria-label="Zoom out"
            onClick={() => controller.current?.zoomBy(1.6)}
          >
            −
          </button>
          <span className="tl-span mono" title="Visible time span">
            {formatSpan(ui.spanUs)}
          </span>
          <button
            type="button"
            title="Zoom in (+, wheel)"
            aria-label="Zoom in"
            onClick={() => controller.current?.zoomBy(1 / 1.6)}
          >
            +
          </button>
          <button
            type="button"
            title="Show the whole run so far"
            onClick={() => controller.current?.fit()}
          >
            Fit
          </button>
          <button
            type="button"
            className="tl-follow"
            title="Keep the playhead in view"
            aria-pressed={ui.follow}
            onClick={() => controller.current?.setFollow(!ui.follow)}
          >
            Follow
          </button>
        </div>
      </div>
      <TimelineForks />
    </>
  );
}
