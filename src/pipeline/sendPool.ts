/**
 * The send slots of a turn worker: at most `size` deliveries run at once; the others wait in line, oldest first.
 * A slot freed passes straight to the oldest waiter, so the count stays right and no one jumps the line.
 */
export class SendPool {
  private sending = 0;
  /** Deliveries waiting for a slot, oldest first. */
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly size: number) {}

  /** Whether a delivery started now would run at once. */
  get slotFree(): boolean {
    return this.sending < this.size;
  }

  /** Runs `task` once a slot is free, freeing the slot after. */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.sending >= this.size) await new Promise<void>((resolve) => this.waiters.push(resolve));
    else this.sending++;
    try {
      return await task();
    } finally {
      const next = this.waiters.shift();
      if (next) next();
      else this.sending--;
    }
  }
}
