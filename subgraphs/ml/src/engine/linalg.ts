// The little dense linear algebra the engines need, on flat row-major Float64Arrays (d ≤ ~30 here,
// so plain loops beat a matrix library's allocation and dispatch).

/** Lower-triangular L with A = L·Lᵀ, for a symmetric positive-definite d×d A. */
export function cholesky(a: Float64Array, d: number): Float64Array {
  const l = new Float64Array(d * d);
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * d + j] as number;
      for (let k = 0; k < j; k++) sum -= (l[i * d + k] as number) * (l[j * d + k] as number);
      if (i === j) {
        // A tiny floor keeps a numerically semi-definite matrix usable instead of NaN.
        l[i * d + i] = Math.sqrt(Math.max(sum, 1e-12));
      } else {
        l[i * d + j] = sum / (l[j * d + j] as number);
      }
    }
  }
  return l;
}

/** Solves L·y = b (forward substitution). */
export function solveLower(l: Float64Array, b: ArrayLike<number>, d: number): Float64Array {
  const y = new Float64Array(d);
  for (let i = 0; i < d; i++) {
    let sum = b[i] as number;
    for (let k = 0; k < i; k++) sum -= (l[i * d + k] as number) * (y[k] as number);
    y[i] = sum / (l[i * d + i] as number);
  }
  return y;
}

/** Solves Lᵀ·x = y (back substitution with the transpose of a lower-triangular L). */
export function solveUpperT(l: Float64Array, y: ArrayLike<number>, d: number): Float64Array {
  const x = new Float64Array(d);
  for (let i = d - 1; i >= 0; i--) {
    let sum = y[i] as number;
    for (let k = i + 1; k < d; k++) sum -= (l[k * d + i] as number) * (x[k] as number);
    x[i] = sum / (l[i * d + i] as number);
  }
  return x;
}

/** Solves A·x = b given A's Cholesky factor L. */
export function cholSolve(l: Float64Array, b: ArrayLike<number>, d: number): Float64Array {
  return solveUpperT(l, solveLower(l, b, d), d);
}

export function dot(a: ArrayLike<number>, b: ArrayLike<number>, d: number): number {
  let s = 0;
  for (let i = 0; i < d; i++) s += (a[i] as number) * (b[i] as number);
  return s;
}
