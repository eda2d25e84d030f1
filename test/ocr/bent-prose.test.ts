import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dewarp } from '../../parsers/ocr/dewarp.js';
import { evenLight } from '../../parsers/ocr/light.js';
import { inkThreshold, rotateQuarter, type GrayImage } from '../../parsers/ocr/image.js';
import { pageImage } from '../../parsers/ocr/page-image.js';
import { openPdf } from '../../parsers/pdf/open.js';
import { scanPdf, type ScanOptions } from '../fixtures/producers/scan.js';
import { once } from '../support/memo.js';

/**
 * A prose page (正文, no ruling on it) of a bound report copied open: near the spine (the left edge)
 * its text lines bend towards the page's middle (test/fixtures/producers/scan.ts bookFold). With no
 * ruling to measure the bend on, the text lines themselves are followed (parsers/ocr/text-lines.ts)
 * and the page straightened from them. 福建 区域协作 (test/corpus/real), one page of running text.
 */
const REAL = join(import.meta.dirname, '..', 'corpus', 'real');
const ID = 'fj-quyu-xiezuo-2017';

const page = once(async (options: ScanOptions): Promise<{ image: GrayImage; threshold: number; ppt: number }> => {
  const doc = await openPdf(scanPdf(new Uint8Array(readFileSync(join(REAL, ID, `${ID}.pdf`))), options));
  const p = await doc.getPage(1);
  const taken = await pageImage(doc, p, (await p.getOperatorList()) as never);
  // The gutter's shadow evened out first, as the OCR does.
  const image = evenLight(taken.image);
  return { image, threshold: inkThreshold(image), ppt: taken.scale };
});

/** Middle rows of the text lines crossing columns x0..x1: runs of rows with ink, each run's middle. */
function lineMiddles(img: GrayImage, threshold: number, x0: number, x1: number): number[] {
  const out: number[] = [];
  let top = -1;
  for (let y = 0; y <= img.height; y++) {
    let ink = 0;
    if (y < img.height) for (let x = x0; x < x1; x++) if (img.data[y * img.width + x] < threshold) ink++;
    if (ink >= 3 && top < 0) top = y;
    if (ink < 3 && top >= 0) {
      if (y - top >= 15) out.push((top + y - 1) / 2);
      top = -1;
    }
  }
  return out;
}

/** For each line of `reference`, how far the nearest line of `seen` lies from it (px). */
function offsets(reference: readonly number[], seen: readonly number[]): number[] {
  return reference.map((r) => Math.min(...seen.map((s) => Math.abs(s - r))));
}

describe('a prose page copied open from a bound book (no rulings)', () => {
  it('straightens its text lines beside the spine from the lines themselves', async () => {
    const flat = await page({ mode: 'gray-jpeg' });
    const bent = await page({ mode: 'gray-jpeg', bookFold: true });
    // Beside the spine: the first four characters of each line (the text starts 180 px from the edge).
    const [x0, x1] = [185, 330];
    const straight = lineMiddles(flat.image, flat.threshold, x0, x1);
    expect(straight.length).toBeGreaterThan(15);
    // Bent: the lines near the top and the bottom of the page lie 5–9 px off their height on the flat page.
    expect(Math.max(...offsets(straight, lineMiddles(bent.image, bent.threshold, x0, x1)))).toBeGreaterThan(5);
    const { image, bend, movedRulings } = dewarp(bent.image, bent.threshold, bent.ppt);
    expect(bend).toBeGreaterThan(5);
    expect(movedRulings).toBe(false);
    const after = offsets(straight, lineMiddles(image, bent.threshold, x0, x1));
    expect(Math.max(...after), `${straight.join(" ")} / ${lineMiddles(image, bent.threshold, x0, x1).join(" ")} offsets ${after.map((d) => d.toFixed(1)).join(' ')}`).toBeLessThanOrEqual(2.5);
  }, 60_000);

  it('leaves the flat page as it is, upright and turned a quarter', async () => {
    const flat = await page({ mode: 'gray-jpeg' });
    expect(dewarp(flat.image, flat.threshold, flat.ppt)).toEqual({ image: flat.image, bend: 0, movedRulings: false });
    // Sideways, its characters stand on a grid that must not be followed as lines across.
    for (const turn of [90, 270] as const) {
      const turned = rotateQuarter(flat.image, turn);
      expect(dewarp(turned, flat.threshold, flat.ppt).image).toBe(turned);
    }
  }, 60_000);
});
