import { escapeXml } from './escape-xml.js';
import { svgNumber } from './svg-number.js';

/** One line of a panel, in data coordinates (y already on the axis's scale, e.g. log10 of the loss). */
export interface PanelSeries {
  readonly label: string;
  readonly color: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
  readonly strokeWidth: number;
  readonly opacity?: number;
  /** Draw a dot on every point (for short per-epoch series); a one-point series always gets its dot. */
  readonly markers?: boolean;
}

/** A tick of an axis: its position on the axis's scale and its printed label. */
export interface PanelTick {
  readonly position: number;
  readonly label: string;
}

/**
 * Everything {@link renderPanel} draws: one plot with its axes, grid, lines and legend, inside a box of the picture.
 */
export interface PanelSpec {
  /** The box of the whole panel (plot area plus the room for tick labels and axis titles), in pixels. */
  readonly left: number;
  readonly top: number;
  readonly width: number;
  readonly height: number;
  readonly xDomain: readonly [number, number];
  readonly yDomain: readonly [number, number];
  readonly xTicks: readonly PanelTick[];
  readonly yTicks: readonly PanelTick[];
  readonly xTitle: string;
  readonly yTitle: string;
  readonly series: readonly PanelSeries[];
  /** Lines of the legend without a swatch, e.g. "3 non-finite values not drawn". */
  readonly notes: readonly string[];
  readonly legendCorner: 'top-right' | 'bottom-right';
}

/** Room around the plot area inside a panel's box, in pixels. */
export const PANEL_MARGIN = { left: 64, right: 16, top: 10, bottom: 42 } as const;

const FONT_SIZE = 11;
const CHARACTER_WIDTH = 6.2; // a generous estimate of a sans-serif character at 11 px, to size the legend box

/** The plot area of a panel's box. */
export function plotArea(spec: Pick<PanelSpec, 'left' | 'top' | 'width' | 'height'>) {
  return {
    left: spec.left + PANEL_MARGIN.left,
    top: spec.top + PANEL_MARGIN.top,
    width: Math.max(10, spec.width - PANEL_MARGIN.left - PANEL_MARGIN.right),
    height: Math.max(10, spec.height - PANEL_MARGIN.top - PANEL_MARGIN.bottom),
  };
}

/** The SVG elements of one panel, as a `<g>` element. */
export function renderPanel(spec: PanelSpec): string {
  const area = plotArea(spec);
  const right = area.left + area.width;
  const bottom = area.top + area.height;
  const [x0, x1] = spec.xDomain;
  const [y0, y1] = spec.yDomain;
  const px = (x: number) => area.left + ((x - x0) / (x1 - x0)) * area.width;
  const py = (y: number) => bottom - ((y - y0) / (y1 - y0)) * area.height;
  const parts: string[] = ['<g>'];

  // Grid and frame.
  parts.push(
    `<rect x="${svgNumber(area.left)}" y="${svgNumber(area.top)}" width="${svgNumber(area.width)}" ` +
      `height="${svgNumber(area.height)}" fill="#ffffff" stroke="#bbbbbb"/>`,
  );
  for (const tick of spec.yTicks) {
    const y = svgNumber(py(tick.position));
    parts.push(`<line x1="${svgNumber(area.left)}" y1="${y}" x2="${svgNumber(right)}" y2="${y}" stroke="#eeeeee"/>`);
  }
  for (const tick of spec.xTicks) {
    const x = svgNumber(px(tick.position));
    parts.push(`<line x1="${x}" y1="${svgNumber(area.top)}" x2="${x}" y2="${svgNumber(bottom)}" stroke="#eeeeee"/>`);
  }

  // Axes, tick marks and tick labels.
  parts.push(
    `<line x1="${svgNumber(area.left)}" y1="${svgNumber(bottom)}" ` +
      `x2="${svgNumber(right)}" y2="${svgNumber(bottom)}" stroke="#333333"/>`,
  );
  parts.push(
    `<line x1="${svgNumber(area.left)}" y1="${svgNumber(area.top)}" ` +
      `x2="${svgNumber(area.left)}" y2="${svgNumber(bottom)}" stroke="#333333"/>`,
  );
  for (const tick of spec.xTicks) {
    const x = svgNumber(px(tick.position));
    parts.push(`<line x1="${x}" y1="${svgNumber(bottom)}" x2="${x}" y2="${svgNumber(bottom + 5)}" stroke="#333333"/>`);
    parts.push(`<text x="${x}" y="${svgNumber(bottom + 17)}" text-anchor="middle">${escapeXml(tick.label)}</text>`);
  }
  for (const tick of spec.yTicks) {
    const y = py(tick.position);
    parts.push(
      `<line x1="${svgNumber(area.left - 5)}" y1="${svgNumber(y)}" ` +
        `x2="${svgNumber(area.left)}" y2="${svgNumber(y)}" stroke="#333333"/>`,
    );
    parts.push(
      `<text x="${svgNumber(area.left - 8)}" y="${svgNumber(y + 4)}" text-anchor="end">${escapeXml(tick.label)}</text>`,
    );
  }

  // Axis titles.
  parts.push(
    `<text x="${svgNumber(area.left + area.width / 2)}" y="${svgNumber(bottom + 34)}" ` +
      `text-anchor="middle">${escapeXml(spec.xTitle)}</text>`,
  );
  const yTitleX = svgNumber(spec.left + 14);
  const yTitleY = svgNumber(area.top + area.height / 2);
  parts.push(
    `<text x="${yTitleX}" y="${yTitleY}" text-anchor="middle" transform="rotate(-90 ` +
      `${yTitleX} ${yTitleY})">${escapeXml(spec.yTitle)}</text>`,
  );

  // The lines.
  for (const series of spec.series) {
    if (series.points.length === 0) continue;
    const opacity = series.opacity === undefined ? '' : ` stroke-opacity="${series.opacity}"`;
    if (series.points.length > 1) {
      const coordinates = series.points.map((point) => `${svgNumber(px(point.x))} ${svgNumber(py(point.y))}`);
      parts.push(
        `<path d="M${coordinates.join('L')}" fill="none" stroke="${series.color}" ` +
          `stroke-width="${series.strokeWidth}"${opacity} stroke-linejoin="round"/>`,
      );
    }
    if (series.markers === true || series.points.length === 1) {
      for (const point of series.points) {
        parts.push(
          `<circle cx="${svgNumber(px(point.x))}" cy="${svgNumber(py(point.y))}" r="2.5" fill="${series.color}"/>`,
        );
      }
    }
  }

  // The legend: a swatch per line, then the remarks (values not drawn).
  const rows = [
    ...spec.series.map((series) => ({ text: series.label, series })),
    ...spec.notes.map((text) => ({ text, series: undefined })),
  ];
  if (rows.length > 0) {
    const rowHeight = 15;
    const swatchWidth = 20;
    const padding = 6;
    const legendWidth =
      padding * 2 + swatchWidth + 6 + CHARACTER_WIDTH * Math.max(...rows.map((row) => row.text.length));
    const legendHeight = padding * 2 + rowHeight * rows.length - 4;
    const legendLeft = right - legendWidth - 8;
    const legendTop = spec.legendCorner === 'top-right' ? area.top + 8 : bottom - legendHeight - 8;
    parts.push(
      `<rect x="${svgNumber(legendLeft)}" y="${svgNumber(legendTop)}" width="${svgNumber(legendWidth)}" ` +
        `height="${svgNumber(legendHeight)}" fill="#ffffff" fill-opacity="0.85" stroke="#cccccc"/>`,
    );
    rows.forEach((row, index) => {
      const baseline = legendTop + padding + rowHeight * index + FONT_SIZE - 1;
      const middle = baseline - 4;
      let textLeft = legendLeft + padding;
      if (row.series !== undefined) {
        const opacity =
          row.series.opacity === undefined ? '' : ` stroke-opacity="${Math.max(row.series.opacity, 0.5)}"`;
        parts.push(
          `<line x1="${svgNumber(textLeft)}" y1="${svgNumber(middle)}" ` +
            `x2="${svgNumber(textLeft + swatchWidth)}" y2="${svgNumber(middle)}" stroke="${row.series.color}" ` +
            `stroke-width="${Math.max(row.series.strokeWidth, 2)}"${opacity}/>`,
        );
        textLeft += swatchWidth + 6;
      }
      const style = row.series === undefined ? ' fill="#666666" font-style="italic"' : '';
      parts.push(`<text x="${svgNumber(textLeft)}" y="${svgNumber(baseline)}"${style}>${escapeXml(row.text)}</text>`);
    });
  }

  parts.push('</g>');
  return parts.join('\n');
}
