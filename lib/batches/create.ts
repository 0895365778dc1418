// POST /api/batches: a CSV of ads (and an optional zip of their photos) becomes one batch and
// one session per row, in one transaction after every row is checked — a 400 creates
// nothing. The photos are then attached as each ad's product photo (a bad one fails its row
// alone, with the reason), and the batch's driver (./advance.ts) starts the ads.
import { z } from "zod";
import { fileOf, readMultipartForm } from "../api/multipart-file";
import { assertCleanText } from "../api/text";
import { brandDefaults } from "../brand/defaults";
import { insertBatch } from "../db/queries/batches";
import { insertSession } from "../db/queries/sessions";
import { transaction } from "../db/queries/tx";
import { BATCH_STOPS, type BatchSettings, type Session } from "../db/schema";
import { env } from "../env";
import { AppError, fromZod, invalidInput } from "../errors";
import { errorFields, logger } from "../logger";
import { ASPECT_RATIOS } from "../media/formats";
import { moveSession } from "../pipeline/status";
import { QUALITY_TIERS } from "../providers/prices";
import { assertStorageLeft } from "../quotas/enforce";
import { assertConfirmedEstimate, formatUsd } from "../sessions/estimate";
import { uploadProductPhoto } from "../sessions/upload-product-photo";
import { enqueueAdvance } from "./enqueue";
import { estimateBatch } from "./estimate";
import { photosForRows } from "./photos-zip";
import { parseBatchCsv } from "./rows";
import { batchView } from "./view";

const int = (what: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${what} is a whole number from ${min} to ${max}.` })
    .int(`${what} is a whole number from ${min} to ${max}.`)
    .min(min, `${what} is a whole number from ${min} to ${max}.`)
    .max(max, `${what} is a whole number from ${min} to ${max}.`)
    .default(fallback);

/** The form's fields besides the files; every ad of the batch gets these choices. */
export const batchFields = z
  .strictObject({
    stopAt: z
      .enum(BATCH_STOPS, { error: 'stopAt is "review" (stop at the image review) or "done".' })
      .default("done"),
    /** USD for the whole batch; default: $5 an ad, as a single ad's own default budget. */
    budgetUsd: z.coerce
      .number({ error: "The budget is an amount in USD." })
      .min(0.5, "The budget must be at least $0.50.")
      .max(10_000, "The budget can be at most $10,000.")
      .optional(),
    numImages: int("numImages", 4, 8, 4),
    /** How many of each ad's images become clips (the first ones made). */
    approveImages: int("approveImages", 2, 8, 3),
    clipDurationSeconds: int("clipDurationSeconds", 2, 4, 3),
    aspectRatio: z
      .enum(ASPECT_RATIOS, { error: `Pick one of: ${ASPECT_RATIOS.join(", ")}.` })
      .default("9:16"),
    quality: z
      .enum(QUALITY_TIERS, { error: `Pick a quality: ${QUALITY_TIERS.join(", ")}.` })
      .default("standard"),
    /** "true": check the upload and answer its estimate (200), creating nothing. */
    dryRun: z
      .enum(["true", "false"], { error: 'dryRun is "true" or "false".' })
      .transform((v) => v === "true")
      .optional(),
    /** The estimate (USD) the user saw; a higher current one is a 409. */
    confirmEstimate: z.coerce
      .number({ error: "confirmEstimate is an amount in USD." })
      .min(0)
      .max(100_000)
      .optional(),
  })
  .refine((f) => f.approveImages <= f.numImages, {
    path: ["approveImages"],
    error: "approveImages cannot be more than numImages.",
  });

/** The multipart body as the OpenAPI document describes it. */
export const createBatchForm = z.object({
  csv: z.string().meta({
    format: "binary",
    description:
      "The CSV file (UTF-8): a header line naming productPrompt,productName,callToAction and optionally photo; at most BATCH_MAX_ROWS rows (100 unless the operator changed it)",
  }),
  photos: z
    .string()
    .meta({ format: "binary", description: "A zip of the photos the CSV's photo column names" })
    .optional(),
  stopAt: z.enum(BATCH_STOPS).optional(),
  budgetUsd: z.string().optional(),
  numImages: z.string().optional(),
  approveImages: z.string().optional(),
  clipDurationSeconds: z.string().optional(),
  aspectRatio: z.enum(ASPECT_RATIOS).optional(),
  quality: z.enum(QUALITY_TIERS).optional(),
  dryRun: z.enum(["true", "false"]).optional(),
  confirmEstimate: z.string().optional(),
});

export const maxBatchUploadBytes = () => env.BATCH_MAX_UPLOAD_MB * 1024 * 1024;

function decodeCsv(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw invalidInput([
      { path: "csv", message: "The CSV file is not UTF-8 text. Save it as CSV UTF-8." },
    ]);
  }
}

export async function createBatch({ userId, req }: { userId: number; req: Request }) {
  const maxBytes = maxBatchUploadBytes();
  const form = await readMultipartForm(req, { field: "csv", maxBytes, what: "batch upload" });
  const csvFile = form.get("csv");
  if (!(csvFile instanceof File))
    throw invalidInput([{ path: "csv", message: 'Attach the CSV file in a field named "csv".' }]);
  const csv = await fileOf(csvFile, { field: "csv", maxBytes, what: "CSV file" });
  const photosFile = form.get("photos");
  const photos =
    photosFile instanceof File && photosFile.size > 0
      ? await fileOf(photosFile, { field: "photos", maxBytes, what: "zip of photos" })
      : undefined;
  const rawFields: Record<string, string> = {};
  for (const [key, value] of form.entries()) {
    if (key === "csv" || key === "photos") continue;
    if (typeof value !== "string")
      throw invalidInput([{ path: key, message: "Only csv and photos may be files." }]);
    if (value !== "") rawFields[key] = value;
  }
  assertCleanText(rawFields);
  const parsed = batchFields.safeParse(rawFields);
  if (!parsed.success) throw fromZod(parsed.error);
  const { stopAt, budgetUsd, dryRun, confirmEstimate, ...choice } = parsed.data;
  const settings: BatchSettings = choice;

  const rows = parseBatchCsv(decodeCsv(csv.bytes));
  const photoOf = await photosForRows(rows, photos?.bytes);
  const estimate = estimateBatch(settings, stopAt, rows.length);
  const budget = budgetUsd ?? Math.min(10_000, rows.length * 5);
  if (estimate.amount > budget + 1e-9)
    throw new AppError(
      "over_budget",
      `This batch is estimated at ${formatUsd(estimate.amount)}, more than its budget of ${formatUsd(budget)}. Raise the budget or send fewer rows.`,
      { estimate: estimate.amount, budget },
    );
  if (dryRun)
    return {
      status: 200,
      body: {
        estimate: { ...estimate, budgetUsd: budget, rows: rows.length, photos: photoOf.size },
      },
    };
  assertConfirmedEstimate(
    { stage: "images", amount: estimate.amount, breakdown: [] },
    confirmEstimate,
  );
  await assertStorageLeft({ userId });
  const brand = await brandDefaults(userId);
  // Each ad's own budget leaves room for its share; the batch's budget is the one that binds.
  const adBudget = Math.min(100, Math.max(5, Math.ceil(estimate.perAd * 1.5)));

  const { batch, sessions } = await transaction(async (tx) => {
    const batch = await insertBatch({
      tx,
      values: {
        userId,
        stopAt,
        rowCount: rows.length,
        estimateUsd: estimate.amount.toFixed(4),
        estimateCalls: estimate.calls,
        budgetUsd: budget.toFixed(4),
        settings,
      },
    });
    const sessions: Session[] = [];
    for (const r of rows)
      sessions.push(
        await insertSession({
          tx,
          values: {
            userId,
            status: "created",
            userProductPrompt: r.productPrompt,
            styleKeywords: [],
            numImagesRequested: settings.numImages,
            aspectRatio: settings.aspectRatio,
            budgetUsd: adBudget.toFixed(4),
            quality: settings.quality,
            ...brand.fields,
            productName: r.productName,
            callToAction: r.callToAction,
            metadata: brand.meta ? { brand: brand.meta } : {},
            batchId: batch.id,
            batchRow: r.row,
          },
        }),
      );
    return { batch, sessions };
  });

  // Every photo first, then the failures: a failed row wakes the driver, which must not start
  // a row whose photo is still on its way.
  const failures: { id: string; message: string }[] = [];
  for (const s of sessions) {
    const photo = photoOf.get(s.batchRow ?? 0);
    if (!photo) continue;
    try {
      await uploadProductPhoto({ userId, id: s.id, readFile: async () => photo });
    } catch (err) {
      const reason = err instanceof AppError ? err.message : "it could not be stored.";
      if (!(err instanceof AppError)) logger.warn("batch photo not stored", errorFields(err));
      failures.push({
        id: s.id,
        message: `The photo "${photo.name}" could not be used: ${reason}`,
      });
    }
  }
  for (const f of failures)
    await moveSession({ id: f.id, to: "failed", from: ["created"], errorMessage: f.message });
  await enqueueAdvance(batch.id, "created");
  return { status: 201, body: { batch: batchView(batch) } };
}
