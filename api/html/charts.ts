import { html, type Html } from './layout';

/**
 * Charts drawn on the server as inline SVG: no script, no external file, readable when scaled
 * down to a phone. Each has a title for screen readers; pages put the numbers in a table too.
 */

const number = (value: number) => (Number.isInteger(value) ? String(value) : value.toFixed(1));
const width = 640;
const labelWidth = 250;

export interface Segment {
  name: string;
  value: number;
  colour: string;
}

/** Horizontal bars, one per row; a row of several segments is stacked. */
export function barChart(id: string, title: string, rows: { label: string; segments: Segment[] }[]): Html {
  const rowHeight = 30;
  const height = rows.length * rowHeight + 10;
  const max = Math.max(1, ...rows.map((row) => row.segments.reduce((sum, s) => sum + s.value, 0)));
  const scale = (width - labelWidth - 60) / max;
  const bars = rows.map((row, i) => {
    const y = 5 + i * rowHeight;
    let x = labelWidth;
    const total = row.segments.reduce((sum, s) => sum + s.value, 0);
    const rects = row.segments.map((s) => {
      const rect = html`<rect
        x="${x}"
        y="${y + 4}"
        width="${Math.max(0, s.value * scale)}"
        height="${rowHeight - 10}"
        fill="${s.colour}"
        ><title>${row.label}: ${s.name} ${number(s.value)}</title></rect
      >`;
      x += s.value * scale;
      return rect;
    });
    return html`<text x="${labelWidth - 8}" y="${y + rowHeight / 2 + 4}" text-anchor="end">${row.label}</text
      >${rects}<text x="${x + 6}" y="${y + rowHeight / 2 + 4}">${number(total)}</text>`;
  });
  return chart(id, title, height, bars);
}

/** One value per period, joined by a line, with the axis starting at zero. */
export function lineChart(
  id: string,
  title: string,
  points: { label: string; value: number }[],
  colour = '#1d4f91',
): Html {
  const height = 240;
  const [left, right, top, bottom] = [48, 20, 16, 34];
  const max = Math.max(1, ...points.map((p) => p.value));
  const step = points.length > 1 ? (width - left - right) / (points.length - 1) : 0;
  const x = (i: number) => left + (points.length > 1 ? i * step : (width - left - right) / 2);
  const y = (value: number) => top + (height - top - bottom) * (1 - value / max);
  const ticks = [0, max / 2, max].map(
    (t) =>
      html`<line x1="${left}" x2="${width - right}" y1="${y(t)}" y2="${y(t)}" stroke="#dde1e6" /><text
          x="${left - 6}"
          y="${y(t) + 4}"
          text-anchor="end"
          >${number(t)}</text
        >`,
  );
  const line = points.map((p, i) => `${x(i)},${y(p.value)}`).join(' ');
  const marks = points.map(
    (p, i) =>
      html`<circle cx="${x(i)}" cy="${y(p.value)}" r="4" fill="${colour}"
          ><title>${p.label}: ${number(p.value)}</title></circle
        ><text x="${x(i)}" y="${height - 12}" text-anchor="middle">${p.label}</text>`,
  );
  return chart(
    id,
    title,
    height,
    html`${ticks}
    <polyline points="${line}" fill="none" stroke="${colour}" stroke-width="2.5" />
    ${marks}`,
  );
}

/** The SVG around a chart: an image named by its title, for screen readers too. */
function chart(id: string, title: string, height: number, body: Html | Html[]): Html {
  return html`<svg
    id="${id}"
    viewBox="0 0 ${width} ${height}"
    role="img"
    aria-labelledby="${id}-title"
    font-family="system-ui,sans-serif"
    font-size="13"
  >
    <title id="${id}-title">${title}</title>
    ${body}
  </svg>`;
}

/** The colours' meaning, as text next to the chart. */
export function legend(segments: readonly { name: string; colour: string }[]): Html {
  return html`<ul class="legend">
    ${segments.map((s) => html`<li><span style="background:${s.colour}" aria-hidden="true"></span>${s.name}</li>`)}
  </ul>`;
}
