/*
 * Deterministic math for samplers. Math.log/exp/pow may differ in the last bit
 * between JavaScript engines, which would make the same seed produce different
 * runs in Node and in a browser. +, -, *, / and sqrt are correctly rounded by
 * IEEE 754 everywhere, so everything here is built from those alone.
 */

const LN2 = 0.6931471805599453;

/** Natural logarithm of x > 0 using only correctly rounded operations. */
export function detLn(x: number): number {
  if (!(x > 0) || !Number.isFinite(x))
    throw new RangeError(`detLn: x must be finite and > 0, got ${x}`);
  // Reduce x = m * 2^e with m in [0.75, 1.5) so the series converges fast.
  let e = 0;
  let m = x;
  while (m >= 1.5) {
    m /= 2;
    e++;
  }
  while (m < 0.75) {
    m *= 2;
    e--;
  }
  // ln(m) = 2 * atanh(y) = 2 * (y + y^3/3 + y^5/5 + ...), y = (m-1)/(m+1), |y| < 0.2
  const y = (m - 1) / (m + 1);
  const y2 = y * y;
  let term = y;
  let sum = 0;
  for (let k = 1; k <= 41; k += 2) {
    sum += term / k;
    term *= y2;
  }
  return 2 * sum + e * LN2;
}
