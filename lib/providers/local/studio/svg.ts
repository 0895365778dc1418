// A tiny SVG writer: collects gradient/clip definitions with unique ids while art is drawn,
// so drawing code can say `fill="${svg.linear(...)}"` inline.

/** [offset 0–1, colour, opacity] */
export type Stop = [number, string, number?];

const num = (v: number) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export class SvgDefs {
  private items: string[] = [];
  private count = 0;

  constructor(private readonly prefix = "d") {}

  private nextId(kind: string): string {
    return `${this.prefix}${kind}${this.count++}`;
  }

  private stops(stops: Stop[]): string {
    return stops
      .map(
        ([o, c, a]) =>
          `<stop offset="${num(o)}" stop-color="${c}"${a === undefined || a === 1 ? "" : ` stop-opacity="${num(a)}"`}/>`,
      )
      .join("");
  }

  /** A linear gradient across the filled shape's bounding box (0–1 coordinates). */
  linear(stops: Stop[], x1 = 0, y1 = 0, x2 = 0, y2 = 1): string {
    const id = this.nextId("l");
    this.items.push(
      `<linearGradient id="${id}" x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}">${this.stops(stops)}</linearGradient>`,
    );
    return `url(#${id})`;
  }

  /** A linear gradient in user-space coordinates. */
  linearAt(stops: Stop[], x1: number, y1: number, x2: number, y2: number): string {
    const id = this.nextId("l");
    this.items.push(
      `<linearGradient id="${id}" gradientUnits="userSpaceOnUse" x1="${num(x1)}" y1="${num(y1)}" x2="${num(x2)}" y2="${num(y2)}">${this.stops(stops)}</linearGradient>`,
    );
    return `url(#${id})`;
  }

  /** A radial gradient across the filled shape's bounding box. */
  radial(stops: Stop[], cx = 0.5, cy = 0.5, r = 0.5, fx = cx, fy = cy): string {
    const id = this.nextId("r");
    this.items.push(
      `<radialGradient id="${id}" cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}" fx="${num(fx)}" fy="${num(fy)}">${this.stops(stops)}</radialGradient>`,
    );
    return `url(#${id})`;
  }

  /** A radial gradient in user space, optionally squashed (sy < 1 makes a flat ellipse). */
  radialAt(stops: Stop[], cx: number, cy: number, r: number, sy = 1): string {
    const id = this.nextId("r");
    const transform =
      sy === 1
        ? ""
        : ` gradientTransform="translate(0 ${num(cy)}) scale(1 ${num(sy)}) translate(0 ${num(-cy)})"`;
    this.items.push(
      `<radialGradient id="${id}" gradientUnits="userSpaceOnUse" cx="${num(cx)}" cy="${num(cy)}" r="${num(r)}"${transform}>${this.stops(stops)}</radialGradient>`,
    );
    return `url(#${id})`;
  }

  /** A clip path from markup (paths in the coordinates of the element that uses it). */
  clip(markup: string): string {
    const id = this.nextId("c");
    this.items.push(`<clipPath id="${id}">${markup}</clipPath>`);
    return `url(#${id})`;
  }

  /** A repeating pattern tile in user space. */
  pattern(width: number, height: number, markup: string, transform = ""): string {
    const id = this.nextId("p");
    this.items.push(
      `<pattern id="${id}" patternUnits="userSpaceOnUse" width="${num(width)}" height="${num(height)}"${transform ? ` patternTransform="${transform}"` : ""}>${markup}</pattern>`,
    );
    return `url(#${id})`;
  }

  /** A luminance mask from markup. */
  mask(markup: string): string {
    const id = this.nextId("m");
    this.items.push(
      `<mask id="${id}" maskUnits="userSpaceOnUse" x="-100000" y="-100000" width="200000" height="200000">${markup}</mask>`,
    );
    return `url(#${id})`;
  }

  /**
   * A Gaussian blur filter. Blurring costs in proportion to the filter region, so callers
   * pass a tight one: a margin around the shape's box, or a fixed user-space rectangle.
   */
  blur(
    stdDeviation: number,
    region: { margin: number } | { x: number; y: number; width: number; height: number } = {
      margin: 0.15,
    },
  ): string {
    const id = this.nextId("f");
    const area =
      "margin" in region
        ? `x="${num(-region.margin)}" y="${num(-region.margin)}" width="${num(1 + 2 * region.margin)}" height="${num(1 + 2 * region.margin)}"`
        : `filterUnits="userSpaceOnUse" x="${num(region.x)}" y="${num(region.y)}" width="${num(region.width)}" height="${num(region.height)}"`;
    this.items.push(
      `<filter id="${id}" ${area}><feGaussianBlur stdDeviation="${num(stdDeviation)}"/></filter>`,
    );
    return `url(#${id})`;
  }

  markup(): string {
    return `<defs>${this.items.join("")}</defs>`;
  }
}

export function svgDocument(width: number, height: number, defs: SvgDefs, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${defs.markup()}${body}</svg>`;
}

export { num as fmt };
