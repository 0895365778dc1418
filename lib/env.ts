// The only reader of process.env. Everything else imports `env` from here, so a bad
// setting fails at start-up with a message instead of at 3 a.m.
import { z } from "zod";

const optional = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
const flag = (fallback: boolean) =>
  optional.transform((v) =>
    v === undefined ? fallback : ["1", "true", "yes", "on"].includes(v.toLowerCase()),
  );
const num = optional.transform((v) => (v === undefined ? undefined : Number(v)));
const int = (fallback: number) =>
  num.pipe(z.number().int().positive().optional()).transform((v) => v ?? fallback);
const price = num.pipe(z.number().nonnegative("a price must be a number ≥ 0").optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: int(3000),
  HOST: optional.transform((v) => v ?? "0.0.0.0"),
  PUBLIC_URL: optional.pipe(z.url().optional()),
  DATA_DIR: optional,
  DATABASE_URL: optional.pipe(z.url().optional()),
  DATABASE_POOL_SIZE: int(10),
  EMBEDDED_PG_PORT: int(54329),
  AUTH_SECRET: optional.pipe(
    z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  ),
  TRUST_PROXY: flag(false),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  RUN_WORKER: flag(true),
  REPLICATE_API_TOKEN: optional,
  REPLICATE_BASE_URL: optional.pipe(z.url().optional()),
  REPLICATE_WEBHOOK_SECRET: optional,
  // Replicate: which models, how fast to create, how long to wait (lib/providers/replicate/).
  // Each replaces the primary model of every quality tier (lib/providers/prices.ts); unset,
  // the tier's own choice is used. A price-table id of that capability.
  REPLICATE_LLM_MODEL: optional,
  REPLICATE_IMAGE_MODEL: optional,
  REPLICATE_VIDEO_MODEL: optional,
  REPLICATE_MUSIC_MODEL: optional,
  REPLICATE_SPEECH_MODEL: optional,
  REPLICATE_CREATES_PER_MINUTE: int(600),
  REPLICATE_POLL_MAX_SECONDS: num.pipe(z.number().min(0.05).optional()).transform((v) => v ?? 5),
  REPLICATE_DEADLINE_SECONDS: num.pipe(z.number().positive().optional()),
  REPLICATE_MAX_OUTPUT_MB: int(200),
  REPLICATE_DELIVERY_URL: optional.pipe(z.url().optional()),
  PRICE_LLAMA_3_1_405B_INSTRUCT_USD: price,
  PRICE_LLAMA_3_70B_INSTRUCT_USD: price,
  PRICE_FLUX_KONTEXT_PRO_USD: price,
  PRICE_FLUX_KONTEXT_MAX_USD: price,
  PRICE_SEEDREAM_4_USD: price,
  PRICE_KLING_V2_5_TURBO_PRO_USD: price,
  PRICE_SEEDANCE_1_PRO_USD: price,
  PRICE_SEEDANCE_1_LITE_USD: price,
  PRICE_STABLE_VIDEO_DIFFUSION_USD: price,
  PRICE_STABLE_AUDIO_2_5_USD: price,
  PRICE_MUSICGEN_USD: price,
  PRICE_MINIMAX_SPEECH_2_6_TURBO_USD: price,
  PRICE_MINIMAX_SPEECH_02_TURBO_USD: price,
  S3_BUCKET: optional,
  S3_ENDPOINT: optional.pipe(z.url().optional()),
  S3_REGION: optional.transform((v) => v ?? "auto"),
  S3_ACCESS_KEY_ID: optional,
  S3_SECRET_ACCESS_KEY: optional,
  S3_FORCE_PATH_STYLE: flag(true),
  FFMPEG_PATH: optional,
  FFPROBE_PATH: optional,
  RENDER_SCALE: num.pipe(z.number().min(0.05).max(1).optional()).transform((v) => v ?? 1),
  RENDER_PRESET: z
    .enum(["ultrafast", "superfast", "veryfast", "faster", "fast", "medium"])
    .default("veryfast"),
  LLM_CONCURRENCY: int(2),
  IMAGE_CONCURRENCY: int(2),
  VIDEO_CONCURRENCY: int(2),
  MUSIC_CONCURRENCY: int(1),
  SPEECH_CONCURRENCY: int(2),
  COMPOSE_CONCURRENCY: int(1),
  // Edits prepared at once per worker after clips are approved (lib/pipeline/jobs/prepare-edit.ts).
  PREPARE_EDIT_CONCURRENCY: int(1),
  JOB_RETRY_LIMIT: int(3),
  JOB_RETRY_DELAY_SECONDS: int(2),
  JOB_EXPIRE_SECONDS: int(900),
  JOB_MAINTENANCE_SECONDS: int(60),
  // How often each queue's runner looks for jobs nobody told it about (retries falling due, a
  // missed wake-up notice); enqueues wake runners at once (lib/pipeline/job-runner.ts).
  JOB_POLL_SECONDS: num.pipe(z.number().min(0.05).optional()).transform((v) => v ?? 1),
  // The stuck-work sweeper (lib/pipeline/sweeper.ts): how often it looks, and how long past a
  // provider's deadline (or, with no job at all, since the last change) work may stay silent.
  SWEEP_INTERVAL_SECONDS: int(60),
  SWEEP_MARGIN_SECONDS: int(120),
  // Storage lifecycle (lib/storage/lifecycle/): superseded files (a replaced upload, a take not
  // kept, an older final video) are removed this many days after they were superseded; the
  // storage sweep leaves files no row holds alone while younger than the grace period (an
  // upload or render between its file and its row).
  STORAGE_RETENTION_DAYS: num
    .pipe(z.number().min(0, "STORAGE_RETENTION_DAYS must be ≥ 0").optional())
    .transform((v) => v ?? 30),
  STORAGE_ORPHAN_GRACE_MINUTES: num
    .pipe(z.number().min(0, "STORAGE_ORPHAN_GRACE_MINUTES must be ≥ 0").optional())
    .transform((v) => v ?? 60),
  // On SIGTERM/SIGINT, running jobs get this long to finish before they go back to the queue.
  SHUTDOWN_GRACE_SECONDS: int(15),
  // The worker registry (lib/workers/): each worker beats this often; one silent this long is
  // taken for dead and its jobs go back to the queue at once instead of after JOB_EXPIRE_SECONDS.
  WORKER_BEAT_SECONDS: int(5),
  WORKER_DEAD_AFTER_SECONDS: int(30),
  WORKER_NICENESS: num.pipe(z.number().int().min(0).max(19).optional()).transform((v) => v ?? 5),
  // Login throttling (lib/auth/throttle.ts): per email and address, per address, per email.
  LOGIN_MAX_FAILURES_PER_PAIR: int(5),
  LOGIN_MAX_FAILURES_PER_IP: int(20),
  LOGIN_MAX_FAILURES_PER_EMAIL: int(100),
  LOGIN_LOCKOUT_SECONDS: int(900),
  SIGNUPS_PER_IP_PER_HOUR: int(20),
  // Outgoing webhooks (lib/webhooks/outgoing/): targets on loopback or private addresses are
  // refused unless this is set (local set-ups, tests); the delays between attempts (seconds,
  // comma-separated; the default spans 27.6 h); one attempt's time limit.
  WEBHOOK_ALLOW_PRIVATE_TARGETS: flag(false),
  WEBHOOK_RETRY_DELAYS_SECONDS: optional
    .transform((v) => (v ?? "5,300,1800,7200,18000,36000,36000").split(",").map(Number))
    .pipe(
      z
        .array(z.number().nonnegative("a delay is a number of seconds ≥ 0"))
        .min(1, "at least one delay"),
    ),
  WEBHOOK_TIMEOUT_SECONDS: int(10),
  // Calls per minute each API key may make (lib/auth/api-keys-bearer.ts); then 429.
  API_KEY_RATE_LIMIT_PER_MINUTE: int(300),
  // Per-user quotas (lib/quotas/): ads in a working status at once, composes (renders) and
  // product photo uploads in the last hour, new takes per ad, and the bytes of live files.
  QUOTA_ADS_AT_ONCE: int(10),
  QUOTA_RENDERS_PER_HOUR: int(30),
  QUOTA_REGENERATIONS_PER_AD: int(50),
  QUOTA_UPLOADS_PER_HOUR: int(30),
  QUOTA_STORAGE_MB: int(10_240),
  // Batches (lib/batches/): the most rows one CSV may have, and the most one upload (the CSV
  // and its zip of photos together) may weigh.
  BATCH_MAX_ROWS: int(100),
  BATCH_MAX_UPLOAD_MB: int(100),
});

export type Env = z.infer<typeof schema>;

function load(): Env {
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}\nSee .env.example.`);
  }
  return parsed.data;
}

export const env = load();
