// Work the formats of one compose do together in one go (their joins, their text pieces).
// Each format asks once, with its request, or leaves once (it will not ask: it fell back to
// a one-pass render, or failed); when every format has done one or the other, `start` runs
// with the requests and each asker gets its own answer — or, if it fails, the same error.
export class FormatBatch<Req, Res> {
  private readonly waiting: {
    req: Req;
    resolve: (res: Res) => void;
    reject: (err: unknown) => void;
  }[] = [];
  private pending: number;

  constructor(
    formats: number,
    /** The work for the requests that came; resolves with one answer per request, in order. */
    private readonly start: (reqs: Req[]) => Promise<Res[]>,
  ) {
    this.pending = formats;
  }

  /** Joins the batch; resolves when the batch's work is done, with this request's answer. */
  ask(req: Req): Promise<Res> {
    return new Promise<Res>((resolve, reject) => {
      this.waiting.push({ req, resolve, reject });
      this.settle();
    });
  }

  /** This format will not ask. Once per format that does not ask. */
  leave(): void {
    this.settle();
  }

  private settle(): void {
    if (--this.pending > 0 || this.waiting.length === 0) return;
    const batch = this.waiting.splice(0);
    Promise.resolve()
      .then(() => this.start(batch.map((w) => w.req)))
      .then(
        (answers) => batch.forEach((w, i) => w.resolve(answers[i])),
        (err) => batch.forEach((w) => w.reject(err)),
      );
  }
}
