// The data model of ../shared/spec/database-schema.md, column for column. Names of
// constraints and indexes follow PostgreSQL's defaults for the document's SQL so that the
// schema test can compare catalogs one to one. Additions are marked "addition".
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  numeric,
  pgEnum,
  pgTable,
  primaryKey,
  serial,
  text,
  timestamp,
  unique,
  uuid,
  varchar,
} from "drizzle-orm/pg-core";
// Types only: the fixed values some varchar columns hold, so rows read back typed.
import type { CaptionStyle } from "../media/captions/ass";
import type { FontId } from "../media/fonts";
import type { AspectRatio } from "../media/formats";
import type { Stage } from "../pipeline/status";
import {
  type CameraMovement,
  type MusicGenre,
  PRODUCT_CATEGORIES,
  type View,
} from "../providers/types";

const tz = { withTimezone: true } as const;
const emptyJson = sql`'{}'::jsonb`;

export const sessionStatus = pgEnum("session_status", [
  "created",
  "prompting",
  "generating_images",
  "reviewing_images",
  "generating_videos",
  "reviewing_videos",
  "composing",
  "completed",
  "failed",
  "cancelled",
]);

/** The list lives with the providers (PRODUCT_CATEGORIES), which parse and draw each one. */
export const productCategory = pgEnum("product_category", PRODUCT_CATEGORIES);

export const assetType = pgEnum("asset_type", ["image", "video_clip", "final_video", "audio"]);

export const assetSource = pgEnum("asset_source", [
  "flux-pro",
  "sdxl",
  "stable-video-diffusion",
  "runway-gen2",
  "musicgen",
  "ffmpeg",
  "user-upload",
  // additions: the offline providers
  "local-image",
  "local-video",
  "local-music",
  // additions: voice-overs (issue 13)
  "local-speech",
  "minimax-speech",
]);

export const assetStatus = pgEnum("asset_status", [
  "generating",
  "completed",
  "failed",
  "approved",
  "rejected",
]);

export const costCategory = pgEnum("cost_category", [
  "llm",
  "image_generation",
  "video_generation",
  "audio_generation",
  "composition",
  "storage",
  "other",
]);

export const users = pgTable(
  "users",
  {
    id: serial("id").primaryKey(),
    email: varchar("email", { length: 255 }).notNull(),
    passwordHash: varchar("password_hash", { length: 255 }).notNull(),
    fullName: varchar("full_name", { length: 255 }),
    createdAt: timestamp("created_at", tz).defaultNow(),
    updatedAt: timestamp("updated_at", tz).defaultNow(),
    lastLoginAt: timestamp("last_login_at", tz),
    deletedAt: timestamp("deleted_at", tz),
    // addition: sessions (cookies) carry the version they were issued at; signing out
    // increments it, so every earlier cookie stops working at once (lib/auth/sign-out.ts).
    sessionVersion: integer("session_version").notNull().default(0),
  },
  (t) => [
    // The document declares the column UNIQUE and a named UNIQUE constraint on it;
    // PostgreSQL keeps one of the two, named users_email_unique.
    unique("users_email_unique").on(t.email),
    index("idx_users_email").on(t.email).where(sql`deleted_at IS NULL`),
    index("idx_users_created_at").on(t.createdAt.desc().nullsFirst()),
  ],
);
export type User = typeof users.$inferSelect;

export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id").notNull(),
    status: sessionStatus("status").notNull().default("created"),
    currentStage: varchar("current_stage", { length: 50 }).$type<Stage>(),
    progressPercentage: integer("progress_percentage").default(0),
    productCategory: productCategory("product_category"),
    userProductPrompt: text("user_product_prompt"),
    userVideoPrompt: text("user_video_prompt"),
    consistencySeed: integer("consistency_seed"),
    styleKeywords: text("style_keywords").array(),
    generatedImageIds: uuid("generated_image_ids").array().default(sql`'{}'`),
    approvedImageIds: uuid("approved_image_ids").array().default(sql`'{}'`),
    generatedClipIds: uuid("generated_clip_ids").array().default(sql`'{}'`),
    approvedClipIds: uuid("approved_clip_ids").array().default(sql`'{}'`),
    finalVideoId: uuid("final_video_id"),
    productName: varchar("product_name", { length: 100 }),
    callToAction: varchar("call_to_action", { length: 100 }),
    textColor: varchar("text_color", { length: 7 }),
    textFont: varchar("text_font", { length: 50 }).$type<FontId>(),
    backgroundMusicEnabled: boolean("background_music_enabled").default(false),
    musicGenre: varchar("music_genre", { length: 50 }).$type<MusicGenre>(),
    musicUrl: text("music_url"),
    totalCost: numeric("total_cost", { precision: 10, scale: 4 }).default(sql`0.00`),
    estimatedCost: numeric("estimated_cost", { precision: 10, scale: 4 }),
    numImagesRequested: integer("num_images_requested").default(6),
    clipDurationSeconds: numeric("clip_duration_seconds", { precision: 4, scale: 2 }).default(
      sql`3.0`,
    ),
    errorMessage: text("error_message"),
    retryCount: integer("retry_count").default(0),
    createdAt: timestamp("created_at", tz).defaultNow(),
    updatedAt: timestamp("updated_at", tz).defaultNow(),
    completedAt: timestamp("completed_at", tz),
    deletedAt: timestamp("deleted_at", tz),
    metadata: jsonb("metadata").default(emptyJson),
    // additions
    aspectRatio: varchar("aspect_ratio", { length: 8 })
      .$type<AspectRatio>()
      .notNull()
      .default("9:16"),
    budgetUsd: numeric("budget_usd", { precision: 10, scale: 4 }).notNull().default("5"),
    // Which models the ad uses (lib/providers/prices.ts tiers): draft, standard, premium.
    quality: varchar("quality", { length: 16 }).notNull().default("standard"),
    // The CSV upload that made the ad, and its line (1 = the first row after the header).
    batchId: uuid("batch_id").references((): AnyPgColumn => batches.id, { onDelete: "set null" }),
    batchRow: integer("batch_row"),
  },
  (t) => [
    foreignKey({
      name: "sessions_user_id_fkey",
      columns: [t.userId],
      foreignColumns: [users.id],
    }).onDelete("cascade"),
    check(
      "sessions_progress_percentage_check",
      sql`progress_percentage >= 0 AND progress_percentage <= 100`,
    ),
    index("idx_sessions_user_id").on(t.userId).where(sql`deleted_at IS NULL`),
    index("idx_sessions_status").on(t.status).where(sql`deleted_at IS NULL`),
    index("idx_sessions_created_at").on(t.createdAt.desc().nullsFirst()),
    index("idx_sessions_updated_at").on(t.updatedAt.desc().nullsFirst()),
    index("idx_sessions_product_category").on(t.productCategory),
    index("idx_sessions_approved_image_ids").using("gin", t.approvedImageIds),
    index("idx_sessions_approved_clip_ids").using("gin", t.approvedClipIds),
    index("idx_sessions_style_keywords").using("gin", t.styleKeywords),
    index("idx_sessions_metadata").using("gin", t.metadata),
    // addition: the dashboard lists a user's sessions newest first
    index("idx_sessions_user_created")
      .on(t.userId, t.createdAt.desc().nullsFirst())
      .where(sql`deleted_at IS NULL`),
    index("idx_sessions_batch").on(t.batchId, t.batchRow).where(sql`batch_id IS NOT NULL`),
  ],
);
export type Session = typeof sessions.$inferSelect;

export const assets = pgTable(
  "assets",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    sessionId: uuid("session_id").notNull(),
    type: assetType("type").notNull(),
    source: assetSource("source").notNull(),
    status: assetStatus("status").notNull().default("generating"),
    url: text("url").notNull(),
    storagePath: text("storage_path"),
    fileSizeBytes: bigint("file_size_bytes", { mode: "number" }),
    mimeType: varchar("mime_type", { length: 100 }),
    resolution: varchar("resolution", { length: 20 }),
    durationSeconds: numeric("duration_seconds", { precision: 6, scale: 3 }),
    fps: integer("fps"),
    generationCost: numeric("generation_cost", { precision: 10, scale: 4 }).default(sql`0.00`),
    generationTimeSeconds: numeric("generation_time_seconds", { precision: 8, scale: 2 }),
    modelVersion: varchar("model_version", { length: 100 }),
    viewType: varchar("view_type", { length: 50 }).$type<View>(),
    seed: integer("seed"),
    guidanceScale: numeric("guidance_scale", { precision: 4, scale: 2 }),
    sourceImageId: uuid("source_image_id"),
    scenePrompt: text("scene_prompt"),
    cameraMovement: varchar("camera_movement", { length: 50 }).$type<CameraMovement>(),
    motionIntensity: numeric("motion_intensity", { precision: 3, scale: 2 }),
    generationPrompt: text("generation_prompt"),
    negativePrompt: text("negative_prompt"),
    userSelected: boolean("user_selected").default(false),
    selectionOrder: integer("selection_order"),
    createdAt: timestamp("created_at", tz).defaultNow(),
    updatedAt: timestamp("updated_at", tz).defaultNow(),
    deletedAt: timestamp("deleted_at", tz),
    metadata: jsonb("metadata").default(emptyJson),
    // additions
    predictionId: varchar("prediction_id", { length: 255 }),
    errorMessage: text("error_message"),
    retryCount: integer("retry_count").notNull().default(0),
    // When the asset's files were handed to storage_deletions (lib/storage/lifecycle/).
    filesDeletedAt: timestamp("files_deleted_at", tz),
  },
  (t) => [
    foreignKey({
      name: "assets_session_id_fkey",
      columns: [t.sessionId],
      foreignColumns: [sessions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "assets_source_image_id_fkey",
      columns: [t.sourceImageId],
      foreignColumns: [t.id],
    }),
    index("idx_assets_session_id").on(t.sessionId).where(sql`deleted_at IS NULL`),
    index("idx_assets_type").on(t.type).where(sql`deleted_at IS NULL`),
    index("idx_assets_status").on(t.status),
    index("idx_assets_source").on(t.source),
    index("idx_assets_user_selected").on(t.userSelected).where(sql`user_selected = TRUE`),
    index("idx_assets_created_at").on(t.createdAt.desc().nullsFirst()),
    index("idx_assets_source_image_id").on(t.sourceImageId).where(sql`source_image_id IS NOT NULL`),
    index("idx_assets_metadata").using("gin", t.metadata),
    // addition: webhooks and crash recovery find an asset by its provider prediction id
    index("idx_assets_prediction_id").on(t.predictionId).where(sql`prediction_id IS NOT NULL`),
    // addition: the document's "session with all assets" and "active sessions for user" read
    // a session's assets without `deleted_at IS NULL`, which the partial idx_assets_session_id
    // cannot serve: without this they scan every asset (npm run bench:db). `id` makes the
    // latter's join index-only, so a user with hundreds of ads does not get a full scan of
    // the sessions instead.
    index("idx_assets_session_type").on(t.sessionId, t.type, t.id),
  ],
);
export type Asset = typeof assets.$inferSelect;

export const generationCosts = pgTable(
  "generation_costs",
  {
    id: serial("id").primaryKey(),
    sessionId: uuid("session_id").notNull(),
    assetId: uuid("asset_id"),
    category: costCategory("category").notNull(),
    amount: numeric("amount", { precision: 10, scale: 4 }).notNull(),
    currency: varchar("currency", { length: 3 }).default("USD"),
    provider: varchar("provider", { length: 50 }),
    modelName: varchar("model_name", { length: 100 }),
    apiCallId: varchar("api_call_id", { length: 255 }),
    tokensUsed: integer("tokens_used"),
    secondsProcessed: numeric("seconds_processed", { precision: 8, scale: 2 }),
    apiLatencyMs: integer("api_latency_ms"),
    success: boolean("success").default(true),
    errorMessage: text("error_message"),
    createdAt: timestamp("created_at", tz).defaultNow(),
    metadata: jsonb("metadata").default(emptyJson),
  },
  (t) => [
    foreignKey({
      name: "generation_costs_session_id_fkey",
      columns: [t.sessionId],
      foreignColumns: [sessions.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "generation_costs_asset_id_fkey",
      columns: [t.assetId],
      foreignColumns: [assets.id],
    }).onDelete("set null"),
    index("idx_generation_costs_session_id").on(t.sessionId),
    index("idx_generation_costs_asset_id").on(t.assetId),
    index("idx_generation_costs_category").on(t.category),
    index("idx_generation_costs_created_at").on(t.createdAt.desc().nullsFirst()),
    index("idx_generation_costs_provider").on(t.provider),
  ],
);
export type GenerationCost = typeof generationCosts.$inferSelect;

export const websocketConnections = pgTable(
  "websocket_connections",
  {
    id: serial("id").primaryKey(),
    sessionId: uuid("session_id").notNull(),
    connectionId: varchar("connection_id", { length: 255 }).notNull(),
    clientIp: varchar("client_ip", { length: 45 }),
    userAgent: text("user_agent"),
    connectedAt: timestamp("connected_at", tz).defaultNow(),
    lastHeartbeatAt: timestamp("last_heartbeat_at", tz).defaultNow(),
    disconnectedAt: timestamp("disconnected_at", tz),
    metadata: jsonb("metadata").default(emptyJson),
  },
  (t) => [
    foreignKey({
      name: "websocket_connections_session_id_fkey",
      columns: [t.sessionId],
      foreignColumns: [sessions.id],
    }).onDelete("cascade"),
    unique("websocket_connections_connection_id_key").on(t.connectionId),
    index("idx_websocket_session_id").on(t.sessionId),
    index("idx_websocket_connection_id").on(t.connectionId),
    index("idx_websocket_active").on(t.sessionId).where(sql`disconnected_at IS NULL`),
  ],
);
export type WebsocketConnection = typeof websocketConnections.$inferSelect;

// addition: failed-login throttling shared by every web process (one row per key,
// e.g. "email:demo@example.com" or "ip:127.0.0.1").
export const loginThrottle = pgTable("login_throttle", {
  key: varchar("key", { length: 320 }).primaryKey(),
  failures: integer("failures").notNull().default(0),
  windowStartedAt: timestamp("window_started_at", tz).notNull().defaultNow(),
  lockedUntil: timestamp("locked_until", tz),
});

// addition: Idempotency-Key records for stage requests, one per user and key.
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: varchar("key", { length: 255 }).notNull(),
    requestHash: varchar("request_hash", { length: 64 }).notNull(),
    responseStatus: integer("response_status"),
    responseBody: jsonb("response_body"),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

// addition: public, revocable share links for a session's final video (the token is the
// only secret in the URL; revoking sets revoked_at and the page answers 404).
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    token: varchar("token", { length: 64 }).notNull(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    createdBy: integer("created_by")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    revokedAt: timestamp("revoked_at", tz),
  },
  (t) => [
    unique("share_links_token_key").on(t.token),
    index("idx_share_links_session_active").on(t.sessionId).where(sql`revoked_at IS NULL`),
  ],
);
export type ShareLink = typeof shareLinks.$inferSelect;

// addition: every Replicate webhook delivery we accepted, by its webhook-id, so a replayed
// or duplicated delivery is recognised and applied once.
export const webhookEvents = pgTable(
  "webhook_events",
  {
    webhookId: varchar("webhook_id", { length: 255 }).primaryKey(),
    predictionId: varchar("prediction_id", { length: 255 }).notNull(),
    status: varchar("status", { length: 32 }).notNull(),
    receivedAt: timestamp("received_at", tz).notNull().defaultNow(),
    payload: jsonb("payload").notNull().default(emptyJson),
  },
  (t) => [index("idx_webhook_events_prediction").on(t.predictionId)],
);
export type WebhookEvent = typeof webhookEvents.$inferSelect;

// addition (#15): outgoing webhooks. An account's endpoints (URL, events, signing secret) and
// one delivery row per event and endpoint — the outbox: written in the same transaction as
// the session move that caused it, sent by a durable job, retried with growing delays.
export const WEBHOOK_EVENTS = ["session.completed", "session.failed", "stage.completed"] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENTS)[number];
export const DELIVERY_STATUSES = ["pending", "sending", "delivered", "failed"] as const;

export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    events: text("events").array().notNull().$type<WebhookEventType[]>(),
    /** `whsec_` + base64 key: kept to sign with (Standard Webhooks' symmetric scheme). */
    secret: varchar("secret", { length: 100 }).notNull(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", tz),
  },
  (t) => [index("idx_webhook_endpoints_user").on(t.userId).where(sql`deleted_at IS NULL`)],
);
export type WebhookEndpoint = typeof webhookEndpoints.$inferSelect;

export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    /** Sent as `webhook-id`: the same on every attempt of this delivery. */
    id: uuid("id").primaryKey().defaultRandom(),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    /** What happened, once: one delivery per event and endpoint. */
    eventId: varchar("event_id", { length: 200 }).notNull(),
    event: varchar("event", { length: 40 }).notNull().$type<WebhookEventType>(),
    payload: jsonb("payload").notNull(),
    status: varchar("status", { length: 16 })
      .notNull()
      .default("pending")
      .$type<(typeof DELIVERY_STATUSES)[number]>(),
    attempts: integer("attempts").notNull().default(0),
    responseStatus: integer("response_status"),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", tz).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", tz),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    deliveredAt: timestamp("delivered_at", tz),
  },
  (t) => [
    unique("webhook_deliveries_event_key").on(t.webhookId, t.eventId),
    index("idx_webhook_deliveries_due")
      .on(t.nextAttemptAt)
      .where(sql`status IN ('pending', 'sending')`),
    index("idx_webhook_deliveries_webhook").on(t.webhookId, t.createdAt),
  ],
);
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;

// addition: files to remove from storage, recorded in the transaction that leaves them
// unreferenced (an ad deleted, a retention pass); a job removes each file, then its row.
export const storageDeletions = pgTable(
  "storage_deletions",
  {
    key: text("key").primaryKey(),
    sessionId: uuid("session_id"),
    reason: varchar("reason", { length: 32 }).notNull(),
    requestedAt: timestamp("requested_at", tz).notNull().defaultNow(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (t) => [index("idx_storage_deletions_session_id").on(t.sessionId)],
);
export type StorageDeletion = typeof storageDeletions.$inferSelect;

// addition: API keys for scripts and automation (lib/auth/api-keys.ts). Only the token's
// SHA-256 is kept; the prefix (`ak_live_` and 8 characters) lets a person tell keys apart.
// The per-minute request window lives on the row, so every web process counts together and
// the one UPDATE that authenticates a call also counts it.
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: varchar("name", { length: 60 }).notNull(),
    prefix: varchar("prefix", { length: 32 }).notNull(),
    tokenHash: varchar("token_hash", { length: 64 }).notNull(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    lastUsedAt: timestamp("last_used_at", tz),
    revokedAt: timestamp("revoked_at", tz),
    rateWindowStartedAt: timestamp("rate_window_started_at", tz).notNull().defaultNow(),
    rateWindowRequests: integer("rate_window_requests").notNull().default(0),
  },
  (t) => [
    unique("api_keys_token_hash_key").on(t.tokenHash),
    index("idx_api_keys_user_active").on(t.userId).where(sql`revoked_at IS NULL`),
  ],
);
export type ApiKey = typeof apiKeys.$inferSelect;

// addition: one row per counted request of a per-user quota with a time window (a compose,
// a product photo upload), so every web process counts the same hour (lib/quotas/).
export const usageEvents = pgTable(
  "usage_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: varchar("kind", { length: 32 }).$type<UsageEventKind>().notNull(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
  },
  (t) => [index("idx_usage_events_user_kind_created").on(t.userId, t.kind, t.createdAt)],
);
export type UsageEventKind = "render" | "upload";

// addition: the worker registry (lib/workers/). A row per process that runs jobs, beaten every
// few seconds; a worker silent past WORKER_DEAD_AFTER_SECONDS is taken for dead.
export const workers = pgTable("workers", {
  id: uuid("id").primaryKey(),
  host: varchar("host", { length: 255 }).notNull(),
  pid: integer("pid").notNull(),
  startedAt: timestamp("started_at", tz).notNull().defaultNow(),
  beatAt: timestamp("beat_at", tz).notNull().defaultNow(),
});
export type WorkerRow = typeof workers.$inferSelect;

// addition: which worker runs which pg-boss job (a row from the handler's start to its end;
// the latest taker of a job owns it). No foreign key: a dead worker's row may go before the
// jobs recorded against it are handed back.
export const workerJobs = pgTable(
  "worker_jobs",
  {
    jobId: uuid("job_id").primaryKey(),
    queue: varchar("queue", { length: 64 }).notNull(),
    workerId: uuid("worker_id").notNull(),
    startedAt: timestamp("started_at", tz).notNull().defaultNow(),
  },
  (t) => [index("idx_worker_jobs_worker").on(t.workerId)],
);

// addition: each account's brand kit (ad-creative.md "Brand kit"): what new ads start from
// and what the end card and corner mark show. The logo is a storage key under brands/<user>/.
export const brandKits = pgTable(
  "brand_kits",
  {
    userId: integer("user_id")
      .primaryKey()
      .references(() => users.id, { onDelete: "cascade" }),
    colors: varchar("colors", { length: 7 }).array().notNull().default(sql`'{}'`),
    logoKey: text("logo_key"),
    textFont: varchar("text_font", { length: 50 }).$type<FontId>(),
    callToAction: varchar("call_to_action", { length: 100 }),
    voice: varchar("voice", { length: 100 }),
    musicGenre: varchar("music_genre", { length: 50 }).$type<MusicGenre>(),
    captionStyle: varchar("caption_style", { length: 16 }).$type<CaptionStyle>(),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", tz).notNull().defaultNow(),
  },
  () => [check("brand_kits_colors_check", sql`cardinality(colors) <= 3`)],
);
export type BrandKit = typeof brandKits.$inferSelect;

// addition: a CSV upload of many ads (issue 15, lib/batches/): one session per row, run with
// defaults to review or to the end, under one estimate and one budget.
export const BATCH_STATUSES = ["running", "finished"] as const;
export const BATCH_STOPS = ["review", "done"] as const;
export type BatchSettings = {
  numImages: number;
  approveImages: number;
  clipDurationSeconds: number;
  aspectRatio: AspectRatio;
  quality: string;
};

export const batches = pgTable(
  "batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: varchar("status", { length: 16 })
      .notNull()
      .default("running")
      .$type<(typeof BATCH_STATUSES)[number]>(),
    stopAt: varchar("stop_at", { length: 16 })
      .notNull()
      .default("done")
      .$type<(typeof BATCH_STOPS)[number]>(),
    rowCount: integer("row_count").notNull(),
    estimateUsd: numeric("estimate_usd", { precision: 10, scale: 4 }).notNull().default("0"),
    /** How many provider calls the estimate counts (the ledger's rows when all goes to plan). */
    estimateCalls: integer("estimate_calls").notNull().default(0),
    budgetUsd: numeric("budget_usd", { precision: 10, scale: 4 }).notNull(),
    settings: jsonb("settings").$type<BatchSettings>().notNull().default(emptyJson),
    createdAt: timestamp("created_at", tz).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", tz).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", tz),
  },
  (t) => [
    check("batches_status_check", sql`status IN ('running', 'finished')`),
    check("batches_stop_at_check", sql`stop_at IN ('review', 'done')`),
    index("idx_batches_user_created").on(t.userId, t.createdAt.desc()),
    index("idx_batches_running").on(t.updatedAt).where(sql`status = 'running'`),
  ],
);
export type Batch = typeof batches.$inferSelect;
