/** A pixel coordinate rounded to 0.1 px and printed without a trailing `.0` or a `-0`: it keeps the SVG small. */
export function svgNumber(value: number): string {
  const rounded = Math.round(value * 10) / 10;
  return String(rounded === 0 ? 0 : rounded);
}
