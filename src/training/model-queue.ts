/**
 * The one line that work on the models waits in, inside the training worker:
 * a training step, a Reset, a new run, a question from the page — one at a
 * time, so that nothing frees or changes weights under a task in flight.
 *
 * Small questions (a hovered point to decode) have a lane of their own: they
 * go before every task already waiting, so they wait for the task in
 * progress at most; and a long task (the test pass) can let them in between
 * its chunks, by calling runUrgent.
 */
export class ModelQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly urgent: (() => Promise<void>)[] = [];

  /**
   * Queues `task`; an error it throws goes to `onError` (the queue goes on).
   * Resolves when the task has run.
   */
  enqueue(task: () => Promise<void>, onError: (err: unknown) => void): Promise<void> {
    this.tail = this.tail
      .then(async () => {
        await this.runUrgent();
        await task();
      })
      .catch(onError);
    return this.tail;
  }

  /**
   * Runs `fn` alone and gives back its result or its error (the caller's to
   * handle). An urgent `fn` goes before every task already waiting.
   */
  exclusive<T>(fn: () => Promise<T>, urgent = false): Promise<T> {
    if (urgent) {
      return new Promise<T>((resolve, reject) => {
        this.urgent.push(() => fn().then(resolve, reject));
        // Runs at once if the queue is idle; otherwise the next task starts with it.
        this.tail = this.tail.then(() => this.runUrgent());
      });
    }
    const result = this.tail.then(async () => {
      await this.runUrgent();
      return fn();
    });
    this.tail = result.then(
      () => {},
      () => {},
    );
    return result;
  }

  /** Runs the urgent tasks waiting, in order (each settles its own promise, so none can fail here). */
  async runUrgent(): Promise<void> {
    for (let task = this.urgent.shift(); task; task = this.urgent.shift()) await task();
  }
}
