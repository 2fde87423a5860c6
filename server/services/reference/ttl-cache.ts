/** A small time-to-live cache that also shares one in-flight load between concurrent callers. */
export class TtlCache<T> {
  private readonly entries = new Map<string, { value: T; expiresAt: number }>();
  private readonly loading = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached value if still fresh. */
  fresh(key: string): T | undefined {
    const entry = this.entries.get(key);
    return entry && entry.expiresAt > this.now() ? entry.value : undefined;
  }

  set(key: string, value: T, ttlMs = this.ttlMs): void {
    this.entries.set(key, { value, expiresAt: this.now() + ttlMs });
  }

  async getOrLoad(key: string, load: () => Promise<{ value: T; ttlMs?: number }>): Promise<T> {
    const cached = this.fresh(key);
    if (cached !== undefined) return cached;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const promise = load()
      .then(({ value, ttlMs }) => {
        this.set(key, value, ttlMs);
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  clear(): void {
    this.entries.clear();
  }
}
