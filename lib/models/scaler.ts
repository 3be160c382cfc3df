import type { Matrix } from "../linalg/matrix";
import { InvalidInputError } from "../errors";

/** scikit-learn's StandardScaler: per-column mean and population std (a zero std scales by 1). Fit on training rows only. */
export class StandardScaler {
  mean = new Float64Array(0);
  scale = new Float64Array(0);

  fit(X: Matrix): this {
    const { rows: n, cols: d, data } = X;
    this.mean = new Float64Array(d);
    const sq = new Float64Array(d);
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) this.mean[j] += data[i * d + j];
    for (let j = 0; j < d; j++) this.mean[j] /= n;
    for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) sq[j] += (data[i * d + j] - this.mean[j]) ** 2;
    this.scale = sq.map((s) => (s > 0 ? Math.sqrt(s / n) : 1));
    return this;
  }

  transform(X: Matrix): Matrix<Float64Array> {
    const { rows: n, cols: d, data } = X;
    if (d !== this.mean.length)
      throw new InvalidInputError("X", `scaler was fitted on ${this.mean.length} columns, got ${d}`);
    const out = new Float64Array(n * d);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < d; j++) out[i * d + j] = (data[i * d + j] - this.mean[j]) / this.scale[j];
    return { rows: n, cols: d, data: out };
  }
}
