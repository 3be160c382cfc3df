/** Byte offsets into a WebAssembly memory, 16-byte aligned; the memory grows on demand. */
export class Arena {
  private top = 0;
  constructor(private readonly memory: WebAssembly.Memory) {}
  get mark(): number {
    return this.top;
  }
  floats(n: number): number {
    const at = this.top;
    this.top += (4 * n + 15) & ~15;
    const have = this.memory.buffer.byteLength;
    if (this.top > have) this.memory.grow(Math.ceil((this.top - have) / 65536));
    return at;
  }
  release(mark: number): void {
    this.top = mark;
  }
  view(at: number, n: number): Float32Array {
    return new Float32Array(this.memory.buffer, at, n);
  }
}
