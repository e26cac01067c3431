/*
 * The timeline's text, drawn once into small bitmaps and stamped onto the
 * canvas with drawImage. Why: in Chromium the first fillText of a frame
 * re-resolves the canvas's font whenever the page's DOM changed since the
 * last one — and while playing the topology's SVG changes every frame — which
 * cost ~3 ms of every frame (measured with performance.measure around the
 * lane names; `npm run bench:ui` shows the frame times). A stamp costs
 * microseconds. A label is rendered once; text in a monospace font (the
 * axis's tick labels, new ones every frame while following a fast run) is
 * stamped glyph by glyph, so only a character never seen before is rendered.
 * Knows canvases and fonts, nothing of the timeline's data.
 */

export type TextAlign = 'left' | 'center' | 'right';
export type TextBaseline = 'middle' | 'alphabetic';

interface Sprite {
  readonly image: CanvasImageSource;
  /** CSS px. */
  readonly width: number;
  readonly height: number;
  /** From the sprite's top to the text's alphabetic baseline, CSS px. */
  readonly ascent: number;
}

/** Labels kept; the axis's tick labels are the only ones that come and go. */
const MAX_SPRITES = 400;

export class TextSprites {
  private readonly sprites = new Map<string, Sprite>();

  constructor(readonly dpr: number) {}

  /** Width of `text` in `font`, CSS px. */
  width(text: string, font: string): number {
    if (!isMonospace(font)) return this.sprite(text, font, '#000').width;
    let width = 0;
    for (const ch of text) width += this.sprite(ch, font, '#000').width;
    return width;
  }

  /** Stamps `text` at (x, y) as fillText would with this align and baseline. */
  draw(
    ctx: CanvasRenderingContext2D,
    text: string,
    font: string,
    colour: string,
    x: number,
    y: number,
    align: TextAlign,
    baseline: TextBaseline,
  ): void {
    const width = this.width(text, font);
    let left = Math.round(align === 'left' ? x : align === 'center' ? x - width / 2 : x - width);
    for (const piece of isMonospace(font) ? text : [text]) {
      const s = this.sprite(piece, font, colour);
      const top = baseline === 'alphabetic' ? y - s.ascent : y - s.height / 2;
      ctx.drawImage(s.image, left, Math.round(top), s.width, s.height);
      left += s.width;
    }
  }

  private sprite(text: string, font: string, colour: string): Sprite {
    const key = `${font}\u0000${colour}\u0000${text}`;
    const known = this.sprites.get(key);
    if (known) return known;
    const made = this.render(text, font, colour);
    if (this.sprites.size >= MAX_SPRITES) this.sprites.clear();
    this.sprites.set(key, made);
    return made;
  }

  private render(text: string, font: string, colour: string): Sprite {
    const probe = canvas(1, 1).getContext('2d') as OffscreenCanvasRenderingContext2D;
    probe.font = font;
    const m = probe.measureText(text);
    const ascent = Math.ceil(m.fontBoundingBoxAscent || m.actualBoundingBoxAscent || 10);
    const descent = Math.ceil(m.fontBoundingBoxDescent || m.actualBoundingBoxDescent || 3);
    // A glyph of a monospace font keeps its exact advance (rounding it would stretch the label).
    const width = Math.max(
      1,
      text.length === 1 && isMonospace(font) ? m.width : Math.ceil(m.width),
    );
    const height = ascent + descent;
    const image = canvas(Math.ceil(width * this.dpr), Math.ceil(height * this.dpr));
    const ctx = image.getContext('2d') as OffscreenCanvasRenderingContext2D;
    ctx.scale(this.dpr, this.dpr);
    ctx.font = font;
    ctx.fillStyle = colour;
    ctx.textBaseline = 'alphabetic';
    ctx.fillText(text, 0, ascent);
    return { image, width, height, ascent };
  }
}

function isMonospace(font: string): boolean {
  return /monospace\s*$/.test(font);
}

function canvas(width: number, height: number): OffscreenCanvas {
  return new OffscreenCanvas(Math.max(1, width), Math.max(1, height));
}
