import { tf } from "./tfBackend";

/**
 * Adam (Kingma & Ba 2015) written out with tf ops. tf.train.adam leaks a few
 * tensors per optimizer in tfjs 4.22; this keeps the tensor count flat across fits.
 */
export class Adam {
  private readonly m: tf.Variable[];
  private readonly v: tf.Variable[];
  private t = 0;
  constructor(
    private readonly vars: tf.Variable[],
    private readonly lr: number,
    private readonly beta1 = 0.9,
    private readonly beta2 = 0.999,
    private readonly eps = 1e-7,
  ) {
    this.m = vars.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
    this.v = vars.map((w) => tf.tidy(() => tf.variable(tf.zerosLike(w), false)));
  }

  /** One update; call inside tf.tidy. */
  step(grads: tf.Tensor[]): void {
    this.t++;
    const lrT = (this.lr * Math.sqrt(1 - this.beta2 ** this.t)) / (1 - this.beta1 ** this.t);
    this.vars.forEach((w, k) => {
      const g = grads[k];
      this.m[k].assign(tf.add(tf.mul(this.beta1, this.m[k]), tf.mul(1 - this.beta1, g)));
      this.v[k].assign(tf.add(tf.mul(this.beta2, this.v[k]), tf.mul(1 - this.beta2, tf.square(g))));
      w.assign(tf.sub(w, tf.div(tf.mul(lrT, this.m[k]), tf.add(tf.sqrt(this.v[k]), this.eps))));
    });
  }

  dispose(): void {
    [...this.m, ...this.v].forEach((t) => t.dispose());
  }
}
