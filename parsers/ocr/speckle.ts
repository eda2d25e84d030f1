import type { GrayImage } from './image.js';

/**
 * Scanner and fax speckle removed: a fax line or a dusty scanner glass leaves isolated dots of a
 * pixel or two all over the page, and the recogniser reads the ones beside a number as a decimal
 * point or a colon ("90." "10." ":20"). An ink component (8-connected, darker than the threshold)
 * of at most `maxArea` pixels is paper; a real full stop is larger (about 3 px across at 200 dpi in
 * a 10.5 pt face), so the allowance scales with the resolution squared.
 */
export function despeckle(img: GrayImage, threshold: number, dpi: number): GrayImage {
  const maxArea = Math.max(1, Math.round(3 * (dpi / 200) ** 2));
  const { width, height, data } = img;
  const seen = new Uint8Array(data.length);
  const stack: number[] = [];
  const comp: number[] = [];
  let out: Uint8Array | null = null;
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
    out ??= Uint8Array.from(data);
    for (const i of comp) out[i] = 255;
  }
  return out ? { width, height, data: out } : img;
}
