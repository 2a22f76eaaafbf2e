/**
 * A new run's first views are the page's heaviest moment: the reconstruction
 * grid, the latent view and the explorer mount at once, and their code runs
 * for the first time. Were the run to train meanwhile, on every core, the
 * page would get a fraction of a core for that work, and a task of 15 ms of
 * CPU took 50–100 ms (measured in headless Chromium on a 2-core machine with
 * two WASM threads training). So the first step waits until the page says it
 * has painted those views ('views-shown'), for at most `maxMs`: a hidden tab
 * paints nothing and does not hold the run up for long.
 */
export class FirstViews {
  private waiting: { runId: number; resolve: () => void; timer: ReturnType<typeof setTimeout> } | null = null;
  /** Runs the page has already reported, if its report arrived before the wait began. */
  private readonly early = new Set<number>();
  /** The run built last, until its first views are published. */
  private pending: number | null = null;

  constructor(private readonly maxMs: number) {}

  /** Run `runId`'s model is built: its first views, when published, hold its first step (see `published`). */
  begin(runId: number): void {
    this.pending = runId;
  }

  /** Views of run `runId` were sent: if they were its first, resolves as `wait` does; otherwise at once. */
  published(runId: number): Promise<void> {
    if (this.pending !== runId) return Promise.resolve();
    this.pending = null;
    return this.wait(runId);
  }

  /** Resolves once the page has shown run `runId`'s first views, after `maxMs`, or when another run begins to wait. */
  wait(runId: number): Promise<void> {
    this.release();
    if (this.maxMs <= 0 || this.early.delete(runId)) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.release(), this.maxMs);
      this.waiting = { runId, resolve, timer };
    });
  }

  /** The page painted run `runId`'s first views. */
  shown(runId: number): void {
    if (this.waiting?.runId === runId) this.release();
    else {
      // At most a few: only the newest runs matter.
      if (this.early.size > 8) this.early.clear();
      this.early.add(runId);
    }
  }

  /** Ends the wait in progress, if any (a reset, another run). */
  release(): void {
    const w = this.waiting;
    if (!w) return;
    this.waiting = null;
    clearTimeout(w.timer);
    w.resolve();
  }
}
