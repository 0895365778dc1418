// A fake Replicate on loopback, faithful to the parts of the HTTP API we use: create
// (official models by name, community models by version), get, cancel, file uploads;
// statuses starting → processing → succeeded/failed/canceled; outputs as
// https://replicate.delivery/... URLs (served under /delivery/<host>/<path>, where
// REPLICATE_DELIVERY_URL points); webhooks signed like Replicate's. Every create's input is
// checked against the model's published schema (./schemas.ts): 422 on an unknown or mistyped
// field. Faults per model: latency, failures, 429 with Retry-After, 5xx, garbage output,
// never finishing.
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { ASPECT_RATIOS, outputSize } from "@/lib/media/formats";
import { MODELS } from "@/lib/providers/prices";
import { signWebhook } from "@/lib/webhooks/verify";
import { type LlmMode, llmAnswer, tokens } from "./llm";
import { mp4, png, wav } from "./media";
import { inputProblems } from "./schemas";
import { speechOutput } from "./speech";

export type Behaviour = {
  /** Milliseconds from create to a final status (default 150). */
  latencyMs?: number;
  /** 0–1: share of predictions that fail with `error`. */
  failRate?: number;
  error?: string;
  /** The next N creates answer 429 with this Retry-After (seconds, default 1). */
  create429?: number;
  retryAfterSeconds?: number;
  /** The next N creates / gets answer 503 / 502. */
  create5xx?: number;
  get5xx?: number;
  /** Outputs are not files of the expected kind. */
  garbage?: boolean;
  /** Predictions never leave "processing". */
  never?: boolean;
  /** LLM answers, consumed in order; "good" once they run out. */
  llm?: LlmMode[];
  /** The next N creates answer 422 (input validation failed). */
  create422?: number;
  /** The next N predictions fail with `error` (then they succeed again). */
  failNext?: number;
};

export type FakePrediction = {
  id: string;
  model: string;
  version: string;
  status: "starting" | "processing" | "succeeded" | "failed" | "canceled";
  input: Record<string, unknown>;
  output: unknown;
  error: string | null;
  logs: string;
  metrics: Record<string, number>;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  webhook?: string;
  webhook_events_filter?: string[];
  urls: Record<string, string>;
  timers: NodeJS.Timeout[];
};

export type RecordedRequest = {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: string;
  at: number;
};

export type FakeReplicate = {
  url: string;
  deliveryUrl: string;
  token: string;
  webhookSecret: string;
  predictions: Map<string, FakePrediction>;
  /** Creates accepted, per `${model}|${sha256(input)}`. */
  creates: Map<string, number>;
  requests: RecordedRequest[];
  /** Uploaded input files by id (the last part of their URL). */
  files: Map<string, Buffer>;
  /** Creates refused because their input broke the model's schema, with the reasons. */
  rejected: { model: string; input: unknown; problems: string[] }[];
  webhooksSent: { id: string; event: string; status: number }[];
  behave: (model: string, b: Behaviour) => void;
  /** Webhook delivery order: as they happen, or every "completed" before its "start". */
  webhookOrder: "natural" | "completed-first";
  close: () => Promise<void>;
};

const VERSION_TO_MODEL = new Map(
  Object.values(MODELS).flatMap((m) =>
    m.replicate?.version ? [[m.replicate.version, m.replicate.model] as const] : [],
  ),
);

export const inputHash = (input: unknown) =>
  createHash("sha256").update(JSON.stringify(input)).digest("hex").slice(0, 16);

export async function startFakeReplicate(opts: {
  token: string;
  webhookSecret?: string;
  port?: number;
}): Promise<FakeReplicate> {
  const behaviours = new Map<string, Behaviour>();
  const files = new Map<string, Buffer>();
  const outputs = new Map<string, { body: Buffer; type: string }>();
  const fake = {
    token: opts.token,
    webhookSecret: opts.webhookSecret ?? `whsec_${randomBytes(24).toString("base64")}`,
    predictions: new Map<string, FakePrediction>(),
    creates: new Map<string, number>(),
    requests: [] as RecordedRequest[],
    files,
    rejected: [] as { model: string; input: unknown; problems: string[] }[],
    webhooksSent: [] as { id: string; event: string; status: number }[],
    webhookOrder: "natural" as "natural" | "completed-first",
    behave: (model: string, b: Behaviour) =>
      behaviours.set(model, { ...behaviours.get(model), ...b }),
  };
  let base = "";
  const b = (model: string) => behaviours.get(model) ?? {};

  const view = (p: FakePrediction) => {
    const { timers: _t, ...rest } = p;
    return { ...rest, source: "api", data_removed: false };
  };

  async function sendWebhook(p: FakePrediction, event: "start" | "completed"): Promise<void> {
    if (!p.webhook || (p.webhook_events_filter && !p.webhook_events_filter.includes(event))) return;
    const id = `msg_${randomBytes(12).toString("hex")}`;
    const ts = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(view(p));
    try {
      const res = await fetch(p.webhook, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          "webhook-id": id,
          "webhook-timestamp": String(ts),
          "webhook-signature": signWebhook(fake.webhookSecret, id, ts, body),
        },
        body,
      });
      fake.webhooksSent.push({ id, event, status: res.status });
    } catch {
      fake.webhooksSent.push({ id, event, status: 0 });
    }
  }

  async function makeOutput(p: FakePrediction): Promise<unknown> {
    const beh = b(p.model);
    const key = `${p.id}/${randomBytes(6).toString("hex")}`;
    const put = (name: string, body: Buffer, type: string) => {
      outputs.set(`${key}/${name}`, { body, type });
      return `https://replicate.delivery/xezq/${key}/${name}`;
    };
    if (p.model.startsWith("meta/meta-llama")) {
      const mode = beh.llm?.shift() ?? "good";
      const text = llmAnswer(String(p.input.prompt ?? ""), mode);
      p.metrics.input_token_count = Math.ceil(String(p.input.prompt ?? "").length / 4);
      p.metrics.output_token_count = Math.ceil(text.length / 4);
      return tokens(text);
    }
    if (beh.garbage)
      return put(
        "output.png",
        Buffer.from("<html><body>Service temporarily unavailable</body></html>"),
        "image/png",
      );
    if (p.model.includes("flux") || p.model.includes("seedream")) {
      const ratio = String(p.input.aspect_ratio ?? "");
      const size = ASPECT_RATIOS.includes(ratio as never)
        ? outputSize(ratio as (typeof ASPECT_RATIOS)[number], 0.1)
        : { width: 102, height: 102 };
      const body = await png(size.width, size.height, Number(p.input.seed ?? 0));
      // Seedream answers with a list of images, FLUX with one.
      return p.model.includes("seedream")
        ? [put("out-0.png", body, "image/png")]
        : put("output.png", body, "image/png");
    }
    if (p.model.startsWith("minimax/speech")) {
      const audio = await speechOutput(p.input);
      return put(`output.${audio.ext}`, audio.body, audio.type);
    }
    if (p.model.includes("musicgen") || p.model.includes("stable-audio"))
      return put("output.wav", await wav(Number(p.input.duration ?? 8)), "audio/wav");
    // Video: the input image's aspect, at the test render size; Kling makes 5 s, SVD 25 frames.
    const imageUrl = String(p.input.input_image ?? p.input.start_image ?? p.input.image ?? "");
    const file = files.get(imageUrl.split("/").pop() ?? "");
    const meta = file ? await sharp(file).metadata() : { width: 9, height: 16 };
    const aspect = (meta.width ?? 9) / (meta.height ?? 16);
    const ratio = aspect < 0.8 ? "9:16" : aspect > 1.25 ? "16:9" : "1:1";
    // Kling and Seedance make the asked whole seconds; SVD 25 frames at the asked rate.
    const seconds = p.model.includes("stable-video-diffusion")
      ? 25 / Number(p.input.frames_per_second ?? 6)
      : Number(p.input.duration ?? 5);
    const { width, height } = outputSize(ratio);
    return put("output.mp4", await mp4(width, height, Math.ceil(seconds * 2) / 2), "video/mp4");
  }

  function schedule(p: FakePrediction): void {
    const beh = b(p.model);
    const latency = beh.latencyMs ?? 150;
    const start = setTimeout(
      () => {
        if (p.status !== "starting") return;
        p.status = "processing";
        p.started_at = new Date().toISOString();
        if (fake.webhookOrder === "natural") void sendWebhook(p, "start");
      },
      Math.min(latency / 3, 50),
    );
    p.timers.push(start);
    if (beh.never) return;
    const end = setTimeout(async () => {
      if (p.status === "canceled") return;
      const fail =
        ((beh.failRate ?? 0) > 0 && Math.random() < (beh.failRate ?? 0)) || (beh.failNext ?? 0) > 0;
      if (beh.failNext) beh.failNext--;
      try {
        if (fail) {
          p.error = beh.error ?? "CUDA error: an illegal memory access was encountered";
        } else p.output = await makeOutput(p);
      } catch (err) {
        p.error = `fake could not make output: ${(err as Error).message}`;
      }
      if ((p.status as string) === "canceled") return; // cancelled while the output was made
      p.status = p.error ? "failed" : "succeeded";
      p.started_at ??= new Date().toISOString();
      p.completed_at = new Date().toISOString();
      p.metrics.predict_time = Math.max(0.01, latency / 1000);
      await sendWebhook(p, "completed");
      if (fake.webhookOrder === "completed-first") await sendWebhook(p, "start");
    }, latency);
    p.timers.push(end);
  }

  const json = (
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ) => {
    res
      .writeHead(status, { "content-type": "application/json", ...headers })
      .end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", base);
    const path = url.pathname;
    if (path.startsWith("/delivery/")) {
      const key = path.split("/").slice(4).join("/"); // /delivery/<host>/xezq/<key...>
      const out = outputs.get(key);
      if (!out) return json(res, 404, { detail: "not found" });
      res
        .writeHead(200, { "content-type": out.type, "content-length": String(out.body.length) })
        .end(out.body);
      return;
    }
    if (req.headers.authorization !== `Bearer ${fake.token}`)
      return json(res, 401, {
        title: "Unauthenticated",
        detail: "You did not pass a valid authentication token",
        status: 401,
      });
    if (req.method === "GET" && path === "/_fake/predictions") {
      // Not Replicate's: lets a benchmark running the fake in another process read its timings.
      return json(
        res,
        200,
        [...fake.predictions.values()].map((p) => ({
          id: p.id,
          model: p.model,
          status: p.status,
          created_at: p.created_at,
          completed_at: p.completed_at,
        })),
      );
    }
    if (req.method === "GET" && path === "/v1/predictions") {
      // Replicate's list: newest first, 100 a page, a `next` URL; input and output are left
      // out (the app reads a listed prediction in full with GET before trusting it).
      const all = [...fake.predictions.values()].reverse();
      const from = Number(url.searchParams.get("cursor") ?? 0);
      const page = all
        .slice(from, from + 100)
        .map(({ timers: _t, input: _i, output: _o, ...rest }) => ({ ...rest, source: "api" }));
      return json(res, 200, {
        previous: null,
        next: from + 100 < all.length ? `${base}/v1/predictions?cursor=${from + 100}` : null,
        results: page,
      });
    }
    if (req.method === "POST" && path === "/v1/files") {
      const form = await new Request(url, {
        method: "POST",
        headers: req.headers as Record<string, string>,
        body: new Uint8Array(raw),
      }).formData();
      const content = form.get("content");
      if (!(content instanceof Blob)) return json(res, 400, { detail: "content is required" });
      const id = randomBytes(10).toString("hex");
      files.set(id, Buffer.from(await content.arrayBuffer()));
      return json(res, 201, {
        id,
        size: content.size,
        content_type: content.type,
        urls: { get: `${base}/v1/files/${id}` },
      });
    }
    const official = /^\/v1\/models\/([^/]+\/[^/]+)\/predictions$/.exec(path);
    if (req.method === "POST" && (official || path === "/v1/predictions")) {
      const body = JSON.parse(raw.toString("utf8") || "{}") as {
        input?: Record<string, unknown>;
        version?: string;
        webhook?: string;
        webhook_events_filter?: string[];
      };
      const model = official?.[1] ?? VERSION_TO_MODEL.get(body.version ?? "");
      if (!model)
        return json(res, 422, {
          title: "Invalid version or not permitted",
          detail: "The specified version does not exist",
          status: 422,
        });
      const beh = b(model);
      if (beh.create429) {
        beh.create429--;
        return json(
          res,
          429,
          {
            title: "Too Many Requests",
            detail: `Request was throttled. Expected available in ${beh.retryAfterSeconds ?? 1} second.`,
            status: 429,
          },
          { "retry-after": String(beh.retryAfterSeconds ?? 1) },
        );
      }
      if (beh.create5xx) {
        beh.create5xx--;
        return json(res, 503, { detail: "Service Unavailable" });
      }
      if (beh.create422) {
        beh.create422--;
        return json(res, 422, {
          title: "Input validation failed",
          detail: "- input.prompt: String should have at most 2000 characters",
          status: 422,
        });
      }
      const problems = inputProblems(model, body.input ?? {});
      if (problems.length > 0) {
        fake.rejected.push({ model, input: body.input, problems });
        return json(res, 422, {
          title: "Input validation failed",
          detail: problems.map((p) => `- ${p}`).join("\n"),
          status: 422,
          invalid_fields: problems,
        });
      }
      const key = `${model}|${inputHash(body.input ?? {})}`;
      fake.creates.set(key, (fake.creates.get(key) ?? 0) + 1);
      const id = randomBytes(13)
        .toString("base64url")
        .toLowerCase()
        .replace(/[^a-z0-9]/g, "x")
        .slice(0, 26);
      const p: FakePrediction = {
        id,
        model,
        version: body.version ?? `${createHash("sha1").update(model).digest("hex")}`,
        status: "starting",
        input: body.input ?? {},
        output: null,
        error: null,
        logs: "",
        metrics: {},
        created_at: new Date().toISOString(),
        started_at: null,
        completed_at: null,
        webhook: body.webhook,
        webhook_events_filter: body.webhook_events_filter,
        urls: {
          get: `${base}/v1/predictions/${id}`,
          cancel: `${base}/v1/predictions/${id}/cancel`,
          web: `https://replicate.com/p/${id}`,
        },
        timers: [],
      };
      fake.predictions.set(id, p);
      schedule(p);
      return json(res, 201, view(p));
    }
    const one = /^\/v1\/predictions\/([^/]+)$/.exec(path);
    if (one && req.method === "GET") {
      const p = fake.predictions.get(one[1]);
      if (!p) return json(res, 404, { detail: "Not found.", status: 404 });
      const beh = b(p.model);
      if (beh.get5xx) {
        beh.get5xx--;
        return json(res, 502, { detail: "Bad Gateway" });
      }
      return json(res, 200, view(p));
    }
    const cancel = /^\/v1\/predictions\/([^/]+)\/cancel$/.exec(path);
    if (cancel && req.method === "POST") {
      const p = fake.predictions.get(cancel[1]);
      if (!p) return json(res, 404, { detail: "Not found.", status: 404 });
      if (p.status === "starting" || p.status === "processing") {
        p.status = "canceled";
        p.completed_at = new Date().toISOString();
        for (const t of p.timers) clearTimeout(t);
        void sendWebhook(p, "completed");
      }
      return json(res, 200, view(p));
    }
    return json(res, 404, { detail: "Not found." });
  }

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks);
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        if (k !== "authorization" && v !== undefined) headers[k] = String(v);
      fake.requests.push({
        method: req.method ?? "",
        url: req.url ?? "",
        headers,
        body: raw.toString("latin1"),
        at: Date.now(),
      });
      handle(req, res, raw).catch((err) => json(res, 500, { detail: String(err) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    ...fake,
    url: `${base}/v1`,
    deliveryUrl: `${base}/delivery`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const p of fake.predictions.values()) p.timers.forEach(clearTimeout);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Creates of one model (any input), for "created exactly once" assertions. */
export function createsOf(fake: Pick<FakeReplicate, "creates">, model: string): number[] {
  return [...fake.creates.entries()].filter(([k]) => k.startsWith(`${model}|`)).map(([, n]) => n);
}
