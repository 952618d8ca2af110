/**
 * A binary min-heap of small integer ids ordered by a priority the caller
 * keeps in an array (ties broken by the smaller id), sized once and reused,
 * so the forecast's inner loop allocates nothing.
 */
export class IndexHeap {
  private readonly items: Int32Array;
  private count = 0;

  constructor(
    capacity: number,
    private readonly priority: Float64Array,
  ) {
    this.items = new Int32Array(Math.max(1, capacity));
  }

  get size(): number {
    return this.count;
  }

  clear(): void {
    this.count = 0;
  }

  push(id: number): void {
    let i = this.count++;
    this.items[i] = id;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(this.items[i], this.items[parent])) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes and returns the id with the lowest priority; the heap must not be empty. */
  pop(): number {
    const top = this.items[0];
    this.count -= 1;
    if (this.count > 0) {
      this.items[0] = this.items[this.count];
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let smallest = i;
        if (left < this.count && this.before(this.items[left], this.items[smallest]))
          smallest = left;
        if (right < this.count && this.before(this.items[right], this.items[smallest]))
          smallest = right;
        if (smallest === i) break;
        this.swap(i, smallest);
        i = smallest;
      }
    }
    return top;
  }

  peek(): number {
    return this.items[0];
  }

  private before(a: number, b: number): boolean {
    const pa = this.priority[a];
    const pb = this.priority[b];
    return pa < pb || (pa === pb && a < b);
  }

  private swap(i: number, j: number): void {
    const tmp = this.items[i];
    this.items[i] = this.items[j];
    this.items[j] = tmp;
  }
}
