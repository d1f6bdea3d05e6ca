/**
 * An independent reference for the three-layer net, written from the formulas of docs/derivation.md with plain arrays and
 * no bpnet code: W1 (D×H), b1 (H), W2 (H×C), b2 (C), sigmoid everywhere, J = (1/N) Σ ½‖t − z‖².
 */
export interface ReferenceParameters {
  W1: number[][];
  b1: number[];
  W2: number[][];
  b2: number[];
}

const f = (x: number): number => 1 / (1 + Math.exp(-x));

/** The loss and gradients of the reference program's `loss(X, y)`, with the ½ of equation (5). */
export function referenceLossAndGradients(p: ReferenceParameters, X: number[][], T: number[][]) {
  const N = X.length, D = p.W1.length, H = p.b1.length, C = p.b2.length;
  const y = X.map((x) => p.b1.map((b, j) => f(b + x.reduce((s, xi, i) => s + xi * p.W1[i][j], 0))));
  const z = y.map((yn) => p.b2.map((b, k) => f(b + yn.reduce((s, yj, j) => s + yj * p.W2[j][k], 0))));
  let loss = 0;
  z.forEach((zn, n) => zn.forEach((zk, k) => (loss += 0.5 * (T[n][k] - zk) ** 2)));
  loss /= N;
  // dL_dnetk = (z − T) z (1 − z) / N  (the reference program divides the gradients by N; here the 1/N is folded in first)
  const dk = z.map((zn, n) => zn.map((zk, k) => ((zk - T[n][k]) * zk * (1 - zk)) / N));
  // dL_dnetj = (dL_dnetk · W2ᵀ) y (1 − y)
  const dj = y.map((yn, n) => yn.map((yj, j) => dk[n].reduce((s, d, k) => s + d * p.W2[j][k], 0) * yj * (1 - yj)));
  const gradW2 = Array.from({ length: H }, (_, j) => Array.from({ length: C }, (_, k) => y.reduce((s, yn, n) => s + yn[j] * dk[n][k], 0)));
  const gradb2 = Array.from({ length: C }, (_, k) => dk.reduce((s, d) => s + d[k], 0));
  const gradW1 = Array.from({ length: D }, (_, i) => Array.from({ length: H }, (_, j) => X.reduce((s, xn, n) => s + xn[i] * dj[n][j], 0)));
  const gradb1 = Array.from({ length: H }, (_, j) => dj.reduce((s, d) => s + d[j], 0));
  return { loss, grads: { W1: gradW1, b1: gradb1, W2: gradW2, b2: gradb2 } };
}

/** Full-batch gradient descent with the reference: w ← w − η ∂J/∂w, `steps` times; returns the loss per step. */
export function referenceDescent(p: ReferenceParameters, X: number[][], T: number[][], learningRate: number, steps: number): number[] {
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const { loss, grads } = referenceLossAndGradients(p, X, T);
    losses.push(loss);
    p.W1 = p.W1.map((row, i) => row.map((w, j) => w - learningRate * grads.W1[i][j]));
    p.b1 = p.b1.map((b, j) => b - learningRate * grads.b1[j]);
    p.W2 = p.W2.map((row, j) => row.map((w, k) => w - learningRate * grads.W2[j][k]));
    p.b2 = p.b2.map((b, k) => b - learningRate * grads.b2[k]);
  }
  return losses;
}
