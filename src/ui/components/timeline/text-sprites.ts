/*
 * The timeline's text, drawn once into an atlas bitmap and stamped onto the
 * canvas with drawImage. Why: in Chromium the first fillText of a frame
 * re-resolves the canvas's font whenever the page's DOM changed since the
 * last one — and while playing the topology's SVG changes every frame — which
 * cost ~3 ms of every frame (measured with performance.measure around the
 * lane names; `npm run bench:ui` shows the frame times). A stamp costs
 * microseconds. A label is rendered once; text in a monospace font (the
 * axis's tick labels, new ones every frame while following a fast run) is
 * stamped glyph by glyph, so only a character never seen before is rendered.
 * All of it goes into one atlas with one context, whose font is set only when
 * it changes. Knows canvases and fonts, nothing of the timeline's data.
 */

export type TextAlign = 'left' | 'center' | 'right';
export type TextBaseline = 'middle' | 'alphabetic';

interface Sprite {
  /** Where it lies in the atlas, device px. */
  readonly sx: number;
  readonly sy: number;
  readonly sw: number;
  readonly sh: number;
  /** CSS px. */
  readonly width: number;
  readonly height: number;
  /** From the sprite's top to the text's alphabetic baseline, CSS px. */
  readonly ascent: number;
}

/** The atlas, device px; when it is full it is cleared and filled again. */
const ATLAS_W = 1024;
const ATLAS_H = 512;

export class TextSprites {
  private readonly sprites = new Map<string, Sprite>();
  private atlas: OffscreenCanvas | null = null;
  private ctx: OffscreenCanvasRenderingContext2D | null = null;
  private font = '';
  /** Next free slot: x, y of the current row and the row's height (device px). */
  private x = 0;
  private y = 0;
  private rowH = 0;

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
      const top = Math.round(baseline === 'alphabetic' ? y - s.ascent : y - s.height / 2);
      if (this.atlas)
        ctx.drawImage(this.atlas, s.sx, s.sy, s.sw, s.sh, left, top, s.width, s.height);
      left += s.width;
    }
  }

  private sprite(text: string, font: string, colour: string): Sprite {
    const key = `${font}\u0000${colour}\u0000${text}`;
    const known = this.sprites.get(key);
    if (known) return known;
    const made = this.render(text, font, colour);
    this.sprites.set(key, made);
    return made;
  }

  private context(font: string): OffscreenCanvasRenderingContext2D {
    if (!this.ctx) {
      this.atlas = new OffscreenCanvas(ATLAS_W, ATLAS_H);
      this.ctx = this.atlas.getContext('2d') as OffscreenCanvasRenderingContext2D;
      this.ctx.textBaseline = 'alphabetic';
      this.font = '';
    }
    if (this.font !== font) {
      this.ctx.font = font;
      this.font = font;
    }
    return this.ctx;
  }

  private render(text: string, font: string, colour: string): Sprite {
    let ctx = this.context(font);
    const m = ctx.measureText(text);
    const ascent = Math.ceil(m.fontBoundingBoxAscent || m.actualBoundingBoxAscent || 10);
    const descent = Math.ceil(m.fontBoundingBoxDescent || m.actualBoundingBoxDescent || 3);
    // A glyph of a monospace font keeps its exact advance (rounding it would stretch the label).
    const width = Math.max(
      1,
      text.length === 1 && isMonospace(font) ? m.width : Math.ceil(m.width),
    );
    const height = ascent + descent;
    const sw = Math.ceil(width * this.dpr) + 1;
    const sh = Math.ceil(height * this.dpr) + 1;
    if (this.x + sw > ATLAS_W) this.newRow();
    if (this.y + sh > ATLAS_H) {
      this.clear();
      ctx = this.context(font);
    }
    const sprite = { sx: this.x, sy: this.y, sw: sw - 1, sh: sh - 1, width, height, ascent };
    ctx.save();
    ctx.translate(this.x, this.y);
    ctx.scale(this.dpr, this.dpr);
    ctx.fillStyle = colour;
    ctx.fillText(text, 0, ascent);
    ctx.restore();
    this.x += sw;
    this.rowH = Math.max(this.rowH, sh);
    return sprite;
  }

  private newRow(): void {
    this.x = 0;
    this.y += this.rowH;
    this.rowH = 0;
  }

  /** The atlas is full: start again (what was stamped already stays on the canvases). */
  private clear(): void {
    this.sprites.clear();
    this.ctx?.clearRect(0, 0, ATLAS_W, ATLAS_H);
    this.x = 0;
    this.y = 0;
    this.rowH = 0;
  }
}

function isMonospace(font: string): boolean {
  return /monospace\s*$/.test(font);
}
