/** Growable Float64 store for medians and percentiles: 8 bytes per matching row, nothing per other row. */
export class Samples {
  private data = new Float64Array(256);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  mean(): number | undefined {
    if (!this.length) return undefined;
    let sum = 0;
    for (let i = 0; i < this.length; i++) sum += this.data[i];
    return sum / this.length;
  }
  median(): number | undefined {
    return this.quantile(0.5);
  }
  /**
   * The p-quantile by linear interpolation between the closest ranks (R-7, as SQL's
   * percentile_cont and DuckDB's quantile_cont compute it): the median at 0.5.
   */
  quantile(p: number): number | undefined {
    if (!this.length) return undefined;
    const sorted = this.data.slice(0, this.length).sort();
    const h = (this.length - 1) * p;
    const lo = Math.floor(h);
    const hi = Math.min(lo + 1, this.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }
}
