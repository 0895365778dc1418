// At most `size` jobs at once (one ffmpeg per core is what a 2-core box can take; more only
// adds memory and context switches). Shared by every ratio of a compose so they interleave.
export class Pool {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly size: number) {}

  async run<T>(job: () => Promise<T>): Promise<T> {
    if (this.active >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
    try {
      return await job();
    } finally {
      this.active--;
      this.waiting.shift()?.();
    }
  }
}
