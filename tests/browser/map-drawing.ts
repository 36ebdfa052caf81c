import type { Page } from 'playwright-core';

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The drawing as the browser lays it out, in the SVG's own units: its viewBox, each lever's hexagon,
 * and the labels the page's style shows (the other set is display: none and has no box on screen),
 * with the real boxes of their text.
 */
const measured = `(() => {
  const svg = document.querySelector('svg.pact-map');
  const box = (b) => ({ x: b.x, y: b.y, width: b.width, height: b.height });
  return {
    view: box(svg.viewBox.baseVal),
    levers: [...svg.querySelectorAll('g.node.lever polygon')].map((shape) => box(shape.getBBox())),
    labels: [...svg.querySelectorAll('text')]
      .filter((text) => text.getClientRects().length > 0)
      .map((text) => ({ text: text.textContent, box: box(text.getBBox()) })),
  };
})()`;

const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;
const squeezed = (text: string) => text.replace(/\s/g, '');

/**
 * What a reader checks on the map's drawing at the page's width: no two levers on top of each other
 * (closer than their radii together), every label whole inside the drawing, no two labels over each
 * other, and every lever named. Returns what is wrong, one line each.
 */
export async function drawingProblems(page: Page, leverNames: string[]): Promise<string[]> {
  const { view, levers, labels } = (await page.evaluate(measured)) as {
    view: Box;
    levers: Box[];
    labels: { text: string; box: Box }[];
  };
  const problems: string[] = [];
  const centres = levers.map((b) => ({ x: b.x + b.width / 2, y: b.y + b.height / 2, r: b.width / 2 }));
  for (const [i, a] of centres.entries())
    for (const b of centres.slice(i + 1))
      if (Math.hypot(a.x - b.x, a.y - b.y) < a.r + b.r)
        problems.push(
          `the levers at (${a.x.toFixed(0)}, ${a.y.toFixed(0)}) and (${b.x.toFixed(0)}, ${b.y.toFixed(0)}) overlap`,
        );
  for (const { text, box } of labels)
    if (
      box.x < view.x ||
      box.y < view.y ||
      box.x + box.width > view.x + view.width ||
      box.y + box.height > view.y + view.height
    )
      problems.push(`"${text}" runs off the drawing`);
  for (const [i, a] of labels.entries())
    for (const b of labels.slice(i + 1))
      if (overlap(a.box, b.box)) problems.push(`"${a.text}" and "${b.text}" overlap`);
  // A two-line label's lines read as one name; a lever's may end with its number of partners.
  for (const name of leverNames)
    if (!labels.some((l) => squeezed(l.text).startsWith(squeezed(name))))
      problems.push(`the lever "${name}" has no label`);
  return problems;
}
