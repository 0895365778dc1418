// Every route of the API, once: its method and path, what it takes (the same zod schemas the
// route parses with) and what it answers. document.ts turns this into the OpenAPI document;
// tests/api/openapi.test.ts fails when a route file exists without its entry here, or an
// entry has no route.
import { z } from "zod";
import { signupInput } from "../../auth/accounts";
import { createKeyBody } from "../../auth/api-keys";
import { createBatchForm } from "../../batches/create";
import { brandBody } from "../../brand/settings";
import { approveClipsBody } from "../../sessions/approve-clips";
import { approveImagesBody } from "../../sessions/approve-images";
import { composeBody } from "../../sessions/compose";
import { createSessionBody } from "../../sessions/create-session";
import { generateClipsBody } from "../../sessions/generate-clips";
import { generateImagesBody } from "../../sessions/generate-images";
import { estimateQuery } from "../../sessions/get-estimate";
import { listQuery } from "../../sessions/list";
import { prepareBody } from "../../sessions/prepare-formats";
import { regenerateBody } from "../../sessions/regenerate-asset";
import { retryBody } from "../../sessions/retry-session";
import { editScriptBody, rewriteScriptBody } from "../../sessions/script";
import { updateSessionBody } from "../../sessions/update-budget";
import { variantsBody } from "../../sessions/variants";
import { voicesQuery } from "../../voices/list-voices";
import { createWebhookBody } from "../../webhooks/outgoing/manage";
import {
  assetResponse,
  assetSchema,
  costsResponse,
  estimateSchema,
  healthResponse,
  sessionDetailResponse,
  sessionListResponse,
  sessionResponse,
  sessionSchema,
  shareResponse,
  userResponse,
} from "./responses";

/** The document's sections, in reading order. */
export const TAGS = [
  "Sessions",
  "Batches",
  "Assets",
  "Media",
  "Sharing",
  "Voices",
  "Brand",
  "Webhooks",
  "API keys",
  "Account",
  "Service",
] as const;

export type Method = "get" | "head" | "post" | "put" | "patch" | "delete";

export type Answer = {
  description: string;
  /** JSON body; absent for an empty body or a file. */
  schema?: z.ZodType;
  /** A file instead of JSON (media, downloads). */
  contentType?: string;
};

export type Operation = {
  method: Method;
  /** OpenAPI style: /api/sessions/{id}. */
  path: string;
  summary: string;
  tag: (typeof TAGS)[number];
  /** user: the session cookie (or an API key); public: none; signature: Replicate's webhook signature. */
  auth: "user" | "public" | "signature";
  body?: z.ZodType;
  /** multipart: a `file` part (uploads), or the parts `body` describes (files as binary strings). */
  bodyType?: "json" | "multipart" | "form";
  query?: z.ZodType;
  /** Takes an Idempotency-Key header (a repeat with the same key answers the first result). */
  idempotent?: boolean;
  responses: Record<number, Answer>;
  /** Errors this route may answer beyond the common ones (400/401/404/429). */
  errors?: number[];
};

const sessionAnswer = (description: string): Answer => ({ description, schema: sessionResponse });
const started = sessionAnswer("The stage started; progress streams over Socket.IO.");
const file = (description: string, contentType: string): Answer => ({ description, contentType });

const brandSchema = z
  .object({
    logoUrl: z.string().nullable(),
    colors: z.array(z.string()).meta({ description: "1–3 colours, #RRGGBB" }),
    textFont: z.string().nullable(),
    callToAction: z.string().nullable(),
    voice: z.string().nullable(),
    musicGenre: z.string().nullable(),
    captionStyle: z.string().nullable(),
  })
  .meta({ id: "Brand" });
const brandAnswer = (description: string): Answer => ({
  description,
  schema: z.object({ brand: brandSchema }),
});
const apiKeySchema = z
  .object({
    id: z.string(),
    name: z.string(),
    prefix: z.string().meta({ description: "the token's first characters, to tell keys apart" }),
    createdAt: z.string(),
    lastUsedAt: z.string().nullable(),
  })
  .meta({ id: "ApiKey" });
const batchSchema = z
  .object({
    id: z.string(),
    status: z.enum(["running", "finished"]),
    stopAt: z.enum(["review", "done"]),
    rows: z.number(),
    estimate: z.number().meta({ description: "USD for the whole batch" }),
    estimateCalls: z.number().meta({ description: "provider calls the estimate plans" }),
    budgetUsd: z.number(),
    settings: z.record(z.string(), z.unknown()),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    spent: z.number().optional(),
    counts: z.record(z.string(), z.number()).optional(),
  })
  .meta({ id: "Batch" });
const batchRowSchema = z
  .object({
    id: z.string().meta({ description: "the ad (session) id" }),
    row: z.number(),
    status: z.string(),
    progress: z.number(),
    productName: z.string().nullable(),
    errorMessage: z.string().nullable(),
    totalCost: z.number(),
    finalVideoId: z.string().nullable(),
  })
  .meta({ id: "BatchRow" });
const webhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(z.enum(["session.completed", "session.failed", "stage.completed"])),
    createdAt: z.string(),
  })
  .meta({ id: "Webhook" });
const deliverySchema = z
  .object({
    id: z.string().meta({ description: "sent as webhook-id on every attempt" }),
    event: z.string(),
    status: z.enum(["pending", "sending", "delivered", "failed"]),
    attempts: z.number(),
    responseStatus: z.number().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    deliveredAt: z.string().nullable(),
    nextAttemptAt: z.string().nullable(),
  })
  .meta({ id: "WebhookDelivery" });

export const OPERATIONS: Operation[] = [
  {
    method: "get",
    path: "/api/sessions",
    summary: "List your ads, newest first",
    tag: "Sessions",
    auth: "user",
    query: listQuery,
    responses: { 200: { description: "A page of sessions.", schema: sessionListResponse } },
  },
  {
    method: "post",
    path: "/api/sessions",
    summary: "Start an ad from a product sentence",
    tag: "Sessions",
    auth: "user",
    body: createSessionBody,
    idempotent: true,
    responses: { 201: sessionAnswer("Created; the prompt is being parsed.") },
  },
  {
    method: "get",
    path: "/api/sessions/{id}",
    summary: "An ad with its images, clips, final videos and the next stage's estimate",
    tag: "Sessions",
    auth: "user",
    responses: { 200: { description: "The session.", schema: sessionDetailResponse } },
  },
  {
    method: "patch",
    path: "/api/sessions/{id}",
    summary: "Change the ad's budget",
    tag: "Sessions",
    auth: "user",
    body: updateSessionBody,
    responses: { 200: sessionAnswer("Updated.") },
  },
  {
    method: "delete",
    path: "/api/sessions/{id}",
    summary: "Delete an ad (its files go too)",
    tag: "Sessions",
    auth: "user",
    responses: { 204: { description: "Deleted." } },
  },
  {
    method: "post",
    path: "/api/sessions/{id}/generate-images",
    summary: "Generate the product shots (again)",
    tag: "Sessions",
    auth: "user",
    body: generateImagesBody,
    idempotent: true,
    responses: { 202: started },
    errors: [402, 409],
  },
  {
    method: "put",
    path: "/api/sessions/{id}/approved-images",
    summary: "Approve and order the images for the clips",
    tag: "Sessions",
    auth: "user",
    body: approveImagesBody,
    responses: { 200: sessionAnswer("Saved.") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/sessions/{id}/generate-clips",
    summary: "Animate the approved images into clips",
    tag: "Sessions",
    auth: "user",
    body: generateClipsBody,
    idempotent: true,
    responses: { 202: started },
    errors: [402, 409],
  },
  {
    method: "put",
    path: "/api/sessions/{id}/approved-clips",
    summary: "Approve and order the clips for the edit",
    tag: "Sessions",
    auth: "user",
    body: approveClipsBody,
    responses: { 200: sessionAnswer("Saved.") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/sessions/{id}/prepare",
    summary:
      "Prepare the edit in the background for the formats, voice-over and captions picked (no cost)",
    tag: "Sessions",
    auth: "user",
    body: prepareBody,
    responses: {
      202: {
        description: "Preparing.",
        schema: z.object({ aspectRatios: z.array(z.string()) }),
      },
    },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/sessions/{id}/compose",
    summary: "Compose the final video(s)",
    tag: "Sessions",
    auth: "user",
    body: composeBody,
    idempotent: true,
    responses: { 202: started },
    errors: [402, 409],
  },
  {
    method: "post",
    path: "/api/sessions/{id}/variants",
    summary:
      "Make 2–6 A/B variants of a finished ad (hook/lines, call to action, music genre, clip order, caption style; each choice left out is the last compose's), or `{count, vary}` to have them built; each finished variant is a final video with `variant` (A, B, …) and `variantSettings`",
    tag: "Sessions",
    auth: "user",
    body: variantsBody,
    idempotent: true,
    responses: { 202: started },
    errors: [402, 409],
  },
  {
    method: "put",
    path: "/api/sessions/{id}/script",
    summary:
      "Edit the script: the hook and one line per approved clip after the first (limits: hook ≤ 60, lines ≤ 80 characters)",
    tag: "Sessions",
    auth: "user",
    body: editScriptBody,
    responses: { 200: sessionAnswer("Saved.") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/sessions/{id}/script",
    summary: "Write the script again (one priced LLM call; see the estimate with stage=script)",
    tag: "Sessions",
    auth: "user",
    body: rewriteScriptBody,
    idempotent: true,
    responses: { 200: sessionAnswer("Written.") },
    errors: [402, 409],
  },
  {
    method: "post",
    path: "/api/sessions/{id}/cancel",
    summary: "Stop the running stage (nothing more is spent)",
    tag: "Sessions",
    auth: "user",
    responses: { 200: sessionAnswer("Cancelled.") },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/sessions/{id}/retry",
    summary: "Run a failed or cancelled stage again",
    tag: "Sessions",
    auth: "user",
    body: retryBody,
    idempotent: true,
    responses: { 202: started },
    errors: [402, 409],
  },
  {
    method: "get",
    path: "/api/sessions/{id}/estimate",
    summary: "What a stage will cost before it runs",
    tag: "Sessions",
    auth: "user",
    query: estimateQuery,
    responses: { 200: { description: "The estimate.", schema: estimateSchema } },
  },
  {
    method: "get",
    path: "/api/sessions/{id}/costs",
    summary: "What the ad has cost: totals per category and every model call",
    tag: "Sessions",
    auth: "user",
    responses: { 200: { description: "The cost ledger.", schema: costsResponse } },
  },
  {
    method: "post",
    path: "/api/sessions/{id}/uploads",
    summary: "Upload a product photo (PNG, JPEG or WebP)",
    tag: "Sessions",
    auth: "user",
    bodyType: "multipart",
    responses: { 201: { description: "Stored.", schema: assetResponse } },
    errors: [409, 413],
  },
  {
    method: "get",
    path: "/api/sessions/{id}/share",
    summary: "The ad's active public link",
    tag: "Sharing",
    auth: "user",
    responses: { 200: { description: "The link.", schema: shareResponse } },
  },
  {
    method: "post",
    path: "/api/sessions/{id}/share",
    summary: "Create a public link that plays the final video",
    tag: "Sharing",
    auth: "user",
    responses: { 201: { description: "The link.", schema: shareResponse } },
    errors: [409],
  },
  {
    method: "delete",
    path: "/api/sessions/{id}/share",
    summary: "Revoke the public link",
    tag: "Sharing",
    auth: "user",
    responses: { 204: { description: "Revoked." } },
  },
  {
    method: "post",
    path: "/api/assets/{id}/regenerate",
    summary: "Make a new take of one image or clip",
    tag: "Assets",
    auth: "user",
    body: regenerateBody,
    idempotent: true,
    responses: { 202: { description: "Generating.", schema: assetResponse } },
    errors: [402, 409],
  },
  {
    method: "post",
    path: "/api/assets/{id}/reject",
    summary: "Set an image or clip aside",
    tag: "Assets",
    auth: "user",
    responses: {
      200: {
        description: "Set aside.",
        schema: z.object({ asset: assetSchema, session: sessionSchema }),
      },
    },
    errors: [409],
  },
  {
    method: "delete",
    path: "/api/assets/{id}/reject",
    summary: "Bring a set-aside image or clip back",
    tag: "Assets",
    auth: "user",
    responses: {
      200: {
        description: "Restored.",
        schema: z.object({ asset: assetSchema, session: sessionSchema }),
      },
    },
    errors: [409],
  },
  {
    method: "get",
    path: "/api/media/{key}",
    summary: "One of your files (images, clips, videos, captions); Range requests work",
    tag: "Media",
    auth: "user",
    responses: {
      200: file("The file.", "application/octet-stream"),
      206: file("Part of the file.", "application/octet-stream"),
    },
  },
  {
    method: "head",
    path: "/api/media/{key}",
    summary: "A file's size and type",
    tag: "Media",
    auth: "user",
    responses: { 200: { description: "Headers only." } },
  },
  {
    method: "get",
    path: "/api/share/{token}/video",
    summary: "A shared ad's video (the link's token is the key)",
    tag: "Sharing",
    auth: "public",
    responses: { 200: file("The video.", "video/mp4"), 206: file("Part of it.", "video/mp4") },
  },
  {
    method: "head",
    path: "/api/share/{token}/video",
    summary: "A shared video's size",
    tag: "Sharing",
    auth: "public",
    responses: { 200: { description: "Headers only." } },
  },
  {
    method: "get",
    path: "/api/share/{token}/poster",
    summary: "A shared ad's poster image",
    tag: "Sharing",
    auth: "public",
    responses: { 200: file("The poster.", "image/jpeg") },
  },
  {
    method: "head",
    path: "/api/share/{token}/poster",
    summary: "A shared poster's size",
    tag: "Sharing",
    auth: "public",
    responses: { 200: { description: "Headers only." } },
  },
  {
    method: "post",
    path: "/api/auth/signup",
    summary: "Create an account",
    tag: "Account",
    auth: "public",
    body: signupInput,
    responses: { 201: { description: "Created; sign in next.", schema: userResponse } },
    errors: [409],
  },
  {
    method: "get",
    path: "/api/auth/{nextauth}",
    summary:
      "Auth.js: /api/auth/csrf (a CSRF token), /api/auth/session (who is signed in), /api/auth/providers",
    tag: "Account",
    auth: "public",
    responses: {
      200: { description: "Auth.js's answer.", schema: z.record(z.string(), z.unknown()) },
    },
  },
  {
    method: "post",
    path: "/api/auth/{nextauth}",
    summary:
      "Auth.js: POST /api/auth/callback/credentials {csrfToken, email, password} signs in (session cookie); /api/auth/signout signs out everywhere",
    tag: "Account",
    auth: "public",
    bodyType: "form",
    responses: { 200: { description: "Auth.js's answer." }, 302: { description: "Redirect." } },
  },
  {
    method: "post",
    path: "/api/keys",
    summary:
      "Create an API key (send it as Authorization: Bearer <token>); the token is shown once. Signed-in browser only: a key cannot create keys",
    tag: "API keys",
    auth: "user",
    body: createKeyBody,
    responses: {
      201: {
        description: "Created. Keep the token: it is not shown again.",
        schema: z.object({ key: apiKeySchema, token: z.string() }),
      },
    },
    errors: [409],
  },
  {
    method: "get",
    path: "/api/keys",
    summary: "Your API keys (never their tokens)",
    tag: "API keys",
    auth: "user",
    responses: {
      200: { description: "The keys.", schema: z.object({ keys: z.array(apiKeySchema) }) },
    },
  },
  {
    method: "delete",
    path: "/api/keys/{id}",
    summary: "Revoke an API key: it stops working at once. Signed-in browser only",
    tag: "API keys",
    auth: "user",
    responses: { 204: { description: "Revoked." } },
  },
  {
    method: "get",
    path: "/api/brand",
    summary: "Your brand kit: logo, colours, font, call to action, voice, music, caption style",
    tag: "Brand",
    auth: "user",
    responses: { 200: brandAnswer("The kit (empty fields when unset).") },
  },
  {
    method: "put",
    path: "/api/brand",
    summary: "Change the brand kit (any of its fields but the logo); new ads start from it",
    tag: "Brand",
    auth: "user",
    body: brandBody,
    responses: { 200: brandAnswer("Saved.") },
  },
  {
    method: "post",
    path: "/api/brand/logo",
    summary:
      "Upload the logo (PNG, JPEG, WebP or SVG ≤ 5 MB; an SVG with scripts or external references is refused; SVGs are rasterised)",
    tag: "Brand",
    auth: "user",
    bodyType: "multipart",
    responses: { 201: brandAnswer("Stored.") },
    errors: [413],
  },
  {
    method: "get",
    path: "/api/brand/logo",
    summary: "The current logo (PNG)",
    tag: "Brand",
    auth: "user",
    responses: { 200: file("The logo.", "image/png") },
  },
  {
    method: "delete",
    path: "/api/brand/logo",
    summary: "Remove the logo",
    tag: "Brand",
    auth: "user",
    responses: { 200: brandAnswer("Removed.") },
  },
  {
    method: "get",
    path: "/api/voices",
    summary: "The voice-over voices (for a language), each with a short preview",
    tag: "Voices",
    auth: "user",
    query: voicesQuery,
    responses: {
      200: {
        description: "The voices.",
        schema: z.object({
          voices: z.array(
            z.object({
              id: z.string(),
              name: z.string(),
              language: z.string().meta({ description: "BCP 47; mul = many languages" }),
              provider: z.enum(["local", "replicate"]),
              previewUrl: z.string(),
              synthetic: z.boolean().meta({ description: "the offline voices sound synthetic" }),
            }),
          ),
        }),
      },
    },
  },
  {
    method: "get",
    path: "/api/voices/{id}/preview",
    summary: "A few seconds of the voice (made once, then kept)",
    tag: "Voices",
    auth: "user",
    responses: { 200: file("The preview.", "audio/mpeg") },
  },
  {
    method: "head",
    path: "/api/voices/{id}/preview",
    summary: "A preview's size and type",
    tag: "Voices",
    auth: "user",
    responses: { 200: { description: "Headers only." } },
  },
  {
    method: "post",
    path: "/api/webhooks",
    summary:
      "Add a webhook: its URL gets the events you pick, signed per Standard Webhooks (the secret is shown once)",
    tag: "Webhooks",
    auth: "user",
    body: createWebhookBody,
    responses: {
      201: {
        description: "Added. Keep the secret: it is not shown again.",
        schema: z.object({ webhook: webhookSchema, secret: z.string() }),
      },
    },
    errors: [409],
  },
  {
    method: "get",
    path: "/api/webhooks",
    summary: "Your webhooks (never their secrets)",
    tag: "Webhooks",
    auth: "user",
    responses: {
      200: { description: "The list.", schema: z.object({ webhooks: z.array(webhookSchema) }) },
    },
  },
  {
    method: "delete",
    path: "/api/webhooks/{id}",
    summary: "Delete a webhook: nothing more is sent to it, pending deliveries included",
    tag: "Webhooks",
    auth: "user",
    responses: { 204: { description: "Deleted." } },
  },
  {
    method: "get",
    path: "/api/webhooks/{id}/deliveries",
    summary: "A webhook's last 100 deliveries: status, attempts, the receiver's last answer",
    tag: "Webhooks",
    auth: "user",
    responses: {
      200: {
        description: "Newest first.",
        schema: z.object({ deliveries: z.array(deliverySchema) }),
      },
    },
  },
  // Batches (issue 15): a CSV of ads run under one estimate and one budget.
  {
    method: "post",
    path: "/api/batches",
    summary:
      "Start a batch: one ad per CSV row (productPrompt,productName,callToAction[,photo]), run to the image review or to the end",
    tag: "Batches",
    auth: "user",
    body: createBatchForm,
    bodyType: "multipart",
    responses: {
      201: {
        description:
          "Created: every row is an ad; the batch starts them as the account's quotas allow.",
        schema: z.object({ batch: batchSchema }),
      },
      200: {
        description: "dryRun: the upload is valid; its estimate (nothing was created).",
        schema: z.object({
          estimate: z.object({
            amount: z.number(),
            calls: z.number(),
            perAd: z.number(),
            lines: z.array(z.record(z.string(), z.unknown())),
            budgetUsd: z.number(),
            rows: z.number(),
            photos: z.number(),
          }),
        }),
      },
    },
    errors: [402, 409, 413],
  },
  {
    method: "get",
    path: "/api/batches",
    summary: "Your batches, newest first, with how many of their ads are in each status",
    tag: "Batches",
    auth: "user",
    responses: {
      200: { description: "The list.", schema: z.object({ batches: z.array(batchSchema) }) },
    },
  },
  {
    method: "get",
    path: "/api/batches/{id}",
    summary: "A batch and each of its ads: row, status, progress, error",
    tag: "Batches",
    auth: "user",
    responses: {
      200: {
        description: "The batch, in CSV order.",
        schema: z.object({ batch: batchSchema, sessions: z.array(batchRowSchema) }),
      },
    },
  },
  {
    method: "get",
    path: "/api/batches/{id}/download",
    summary: "One zip of every finished video of the batch (01-product-name.mp4, …), streamed",
    tag: "Batches",
    auth: "user",
    responses: { 200: file("The zip.", "application/zip") },
  },
  {
    method: "get",
    path: "/api/usage",
    summary:
      "Your usage against each per-user quota (ads at once, renders and uploads per hour, takes per ad, storage)",
    tag: "Account",
    auth: "user",
    responses: {
      200: {
        description: "Each quota's use and limit; the hourly ones say when they reset.",
        schema: z.object({
          usage: z.record(
            z.string(),
            z.object({ used: z.number(), limit: z.number(), resetsAt: z.string().optional() }),
          ),
        }),
      },
    },
  },
  {
    method: "get",
    path: "/api/health",
    summary: "Whether the database, storage and job queue answer",
    tag: "Service",
    auth: "public",
    responses: {
      200: { description: "Healthy.", schema: healthResponse },
      503: { description: "Something is down.", schema: healthResponse },
    },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    summary: "This document",
    tag: "Service",
    auth: "public",
    responses: { 200: { description: "OpenAPI 3.1.", schema: z.record(z.string(), z.unknown()) } },
  },
  {
    method: "post",
    path: "/api/webhooks/replicate",
    summary: "Replicate's prediction webhook (signed by Replicate)",
    tag: "Service",
    auth: "signature",
    body: z.record(z.string(), z.unknown()),
    responses: {
      200: {
        description: "Applied once.",
        schema: z.object({ ok: z.boolean(), outcome: z.string() }),
      },
    },
  },
];
