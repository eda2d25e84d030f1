import type { GrayImage } from './image.js';

/**
 * Scanner and fax speckle removed: a fax line or a dusty scanner glass leaves isolated dots of a
 * pixel or two all over the page, and the recogniser reads the ones beside a number as a decimal
 * point or a colon ("90." "10." ":20"). An ink component (8-connected, darker than the threshold)
 * of at most `maxArea` pixels is paper; a real full stop is larger (about 3 px across at 200 dpi in
 * a 10.5 pt face), so the allowance scales with the resolution squared. A speck in an evenly spaced row
 * of dots is kept (leaderDots).
 */
export function despeckle(img: GrayImage, threshold: number, dpi: number): GrayImage {
  const maxArea = Math.max(1, Math.round(3 * (dpi / 200) ** 2));
  const { width, height, data } = img;
  const seen = new Uint8Array(data.length);
  const stack: number[] = [];
  const comp: number[] = [];
  const specks: number[][] = [];
  for (let start = 0; start < data.length; start++) {
    if (seen[start] || data[start] >= threshold) continue;
    // Walk the component until it is larger than a speck; touching an already walked component
    // (seen before) means it is part of a larger one.
    seen[start] = 1;
    stack.length = 0;
    comp.length = 0;
    stack.push(start);
    let large = false;
    while (stack.length && !large) {
      const i = stack.pop()!;
      comp.push(i);
      if (comp.length > maxArea) {
        large = true;
        break;
      }
      const x = i % width;
      const y = (i - x) / width;
      for (let dy = -1; dy <= 1 && !large; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((!dx && !dy) || xx < 0 || xx >= width) continue;
          const j = yy * width + xx;
          if (data[j] >= threshold) continue;
          if (seen[j]) {
            if (!comp.includes(j) && !stack.includes(j)) large = true;
            continue;
          }
          seen[j] = 1;
          stack.push(j);
        }
      }
    }
    if (large) {
      // Mark the rest reachable as seen lazily: remaining pixels meet `seen` neighbours and stop early.
      continue;
    }
    specks.push([...comp]);
  }
  if (!specks.length) return img;
  const out = Uint8Array.from(data);
  const kept = leaderDots(img, threshold, dpi, specks);
  specks.forEach((comp, k) => {
    if (!kept.has(k)) for (const i of comp) out[i] = 255;
  });
  return { width, height, data: out };
}

/**
 * Specks that are the dots of a leader or an ellipsis ("……" in small print: at 100 dpi a dot is one
 * or two pixels, as small as a speck): a speck with dot-sized ink on its own line, and white paper
 * between, at one even pitch — a dot each side, or two on one side (each step within a pixel of the first,
 * steps of 2 px to LEADER_PITCH_IN of an inch). Scanner dust does not line up so.
 */
function leaderDots(img: GrayImage, threshold: number, dpi: number, specks: readonly number[][]): Set<number> {
  const { width, height, data } = img;
  const maxPitch = Math.max(3, Math.round(LEADER_PITCH_IN * dpi));
  // The next dot's centre column along a row (± one pixel up or down), or null: the first ink after white.
  const next = (x: number, y: number, dir: 1 | -1): number | null => {
    let white = false;
    for (let d = 1; d <= maxPitch + 1; d++) {
      const xx = x + dir * d;
      if (xx < 0 || xx >= width) return null;
      let ink = false;
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy >= 0 && yy < height && data[yy * width + xx] < threshold) ink = true;
      }
      if (!ink) white = true;
      else if (white) return dotAt(xx, y, dir) ? d : null;
      else if (d > 1) return null;
    }
    return null;
  };
  // Ink starting at column x is dot-sized: nothing 3 px above or below it over its next 3 columns (a glyph's stroke is taller).
  const dotAt = (x: number, y: number, dir: 1 | -1): boolean => {
    for (let d = 0; d < 3; d++) {
      const xx = x + dir * d;
      if (xx < 0 || xx >= width) continue;
      for (const yy of [y - 3, y + 3]) if (yy >= 0 && yy < height && data[yy * width + xx] < threshold) return false;
    }
    return true;
  };
  const out = new Set<number>();
  specks.forEach((comp, k) => {
    const x = comp.reduce((s, i) => s + (i % width), 0) / comp.length;
    const y = Math.round(comp.reduce((s, i) => s + Math.floor(i / width), 0) / comp.length);
    const xs = Math.round(x);
    const step = (from: number, dir: 1 | -1) => {
      const d = next(from, y, dir);
      return d !== null && d >= 2 ? d : null;
    };
    const right = step(xs, 1);
    const left = step(xs, -1);
    const even = (a: number | null, b: number | null) => a !== null && b !== null && Math.abs(a - b) <= 1;
    if (even(left, right) || (right !== null && even(right, step(xs + right, 1))) || (left !== null && even(left, step(xs - left, -1)))) out.add(k);
  });
  return out;
}

/** Widest pitch of leader dots kept from despeckling (inches): an ellipsis's dots are a third of an em apart. */
const LEADER_PITCH_IN = 0.06;
