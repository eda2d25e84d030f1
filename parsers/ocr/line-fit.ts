/** Least-squares straight line y = slope·x + intercept through points [x, y] (centred sums: stable for pixel coordinates). */
export interface LineFit {
  slope: number;
  intercept: number;
  meanY: number;
  /** Variance of the x values: 0 when they are all alike (no slope can be read, slope is then 0). */
  varianceX: number;
}

export function fitLine(points: readonly (readonly [number, number])[]): LineFit | null {
  const n = points.length;
  if (n === 0) return null;
  let sx = 0;
  let sy = 0;
  for (const [x, y] of points) {
    sx += x;
    sy += y;
  }
  const mx = sx / n;
  const my = sy / n;
  let sxx = 0;
  let sxy = 0;
  for (const [x, y] of points) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx, meanY: my, varianceX: sxx / n };
}
