// The rows the security tests attack: a finished ad of its owner (images, clips, a final
// video with poster, an active share link, files in storage), and for the "other" user a
// soft-deleted ad and a live ad with a soft-deleted image. Written straight to the database
// and storage (no pipeline run): the subject is who may reach them, not how they were made.
import { randomBytes, randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { db } from "@/lib/db/client";
import { insertBatch } from "@/lib/db/queries/batches";
import { deleteWebhookEndpoint, insertWebhookEndpoint } from "@/lib/db/queries/outgoing-webhooks";
import {
  type Asset,
  assets,
  generationCosts,
  type Session,
  sessions,
  shareLinks,
} from "@/lib/db/schema";
import { mediaKey, mediaUrl, storage } from "@/lib/storage";
import { createTestUser, type TestUser } from "../../support/users";

export type Ad = {
  session: Session;
  images: Asset[];
  clips: Asset[];
  final?: Asset;
  shareToken?: string;
};

export type World = {
  owner: TestUser;
  other: TestUser;
  /** A unique word in the owner's ad: no answer to anyone else may contain it. */
  marker: string;
  ad: Ad;
  /** The other user's own ad, soft-deleted (with an image and a once-active share link). */
  deletedAd: Ad;
  /** The other user's live ad whose first image is soft-deleted. */
  liveAd: Ad;
  deletedAsset: Asset;
  /** The owner's batch (two of its ads are rows of it). */
  batchId: string;
  /** The owner's outgoing webhook, and one it deleted. */
  webhookId: string;
  deletedWebhookId: string;
  revokedToken: string;
};

const png = (seed: number) =>
  sharp({
    create: { width: 64, height: 64, channels: 3, background: { r: seed % 255, g: 80, b: 120 } },
  })
    .png()
    .toBuffer();

async function storedAsset(
  s: Session,
  values: Partial<typeof assets.$inferInsert> & Pick<typeof assets.$inferInsert, "type">,
): Promise<Asset> {
  const id = randomUUID();
  const ext = values.type === "image" ? "png" : "mp4";
  const key = mediaKey(s.id, id, ext);
  const bytes =
    ext === "png" ? await png(id.charCodeAt(0)) : Buffer.from(`not really a video ${id}`);
  await storage().putBuffer(key, bytes, ext === "png" ? "image/png" : "video/mp4");
  const [row] = await db()
    .insert(assets)
    .values({
      id,
      sessionId: s.id,
      source:
        values.type === "image"
          ? "local-image"
          : values.type === "video_clip"
            ? "local-video"
            : "ffmpeg",
      status: "completed",
      url: mediaUrl(key),
      storagePath: key,
      fileSizeBytes: bytes.length,
      mimeType: ext === "png" ? "image/png" : "video/mp4",
      ...values,
    } as typeof assets.$inferInsert)
    .returning();
  return row;
}

/** A completed ad: 4 images (2 approved), 2 clips (approved), a final video + poster, a share link. */
export async function completedAd(user: TestUser, prompt: string): Promise<Ad> {
  const [s] = await db()
    .insert(sessions)
    .values({
      userId: user.id,
      status: "completed",
      currentStage: "composition",
      progressPercentage: 100,
      userProductPrompt: prompt,
      productName: prompt.slice(0, 40),
      callToAction: "Shop now",
      productCategory: "footwear",
      consistencySeed: 42,
      numImagesRequested: 4,
    })
    .returning();
  const images: Asset[] = [];
  for (let i = 0; i < 4; i++) {
    images.push(
      await storedAsset(s, {
        type: "image",
        viewType: "front",
        seed: 42,
        generationPrompt: prompt,
        userSelected: i < 2,
        selectionOrder: i < 2 ? i + 1 : null,
        status: i < 2 ? "approved" : "completed",
        metadata: { index: i },
      }),
    );
  }
  const clips: Asset[] = [];
  for (let i = 0; i < 2; i++) {
    clips.push(
      await storedAsset(s, {
        type: "video_clip",
        sourceImageId: images[i].id,
        scenePrompt: prompt,
        cameraMovement: "zoom_in",
        durationSeconds: "2.000",
        userSelected: true,
        selectionOrder: i + 1,
        status: "approved",
      }),
    );
  }
  const finalId = randomUUID();
  const posterKey = mediaKey(s.id, finalId, "jpg");
  await storage().putBuffer(
    posterKey,
    await sharp(await png(7))
      .jpeg()
      .toBuffer(),
    "image/jpeg",
  );
  const final = await storedAsset(s, {
    id: finalId,
    type: "final_video",
    durationSeconds: "5.000",
    metadata: { aspectRatio: "9:16", posterKey, posterUrl: mediaUrl(posterKey) },
  });
  const token = randomBytes(32).toString("base64url");
  await db().insert(shareLinks).values({ token, sessionId: s.id, createdBy: user.id });
  await db().insert(generationCosts).values({
    sessionId: s.id,
    assetId: images[0].id,
    category: "image_generation",
    amount: "0.0400",
    provider: "local",
  });
  const [row] = await db()
    .update(sessions)
    .set({
      generatedImageIds: images.map((a) => a.id),
      approvedImageIds: images.slice(0, 2).map((a) => a.id),
      generatedClipIds: clips.map((a) => a.id),
      approvedClipIds: clips.map((a) => a.id),
      finalVideoId: final.id,
      completedAt: sql`now()`,
    })
    .where(eq(sessions.id, s.id))
    .returning();
  return { session: row, images, clips, final, shareToken: token };
}

export async function buildWorld(): Promise<World> {
  const owner = await createTestUser("owner");
  const other = await createTestUser("other");
  const marker = `zebra${randomBytes(6).toString("hex")}`;
  const ad = await completedAd(owner, `${marker} running shoes`);

  const deletedAd = await completedAd(other, "a deleted desk lamp");
  await db()
    .update(sessions)
    .set({ deletedAt: sql`now()` })
    .where(eq(sessions.id, deletedAd.session.id));
  await db()
    .update(assets)
    .set({ deletedAt: sql`now()` })
    .where(eq(assets.sessionId, deletedAd.session.id));

  const liveAd = await completedAd(other, "a live leather bag");
  const [deletedAsset] = await db()
    .update(assets)
    .set({ deletedAt: sql`now()` })
    .where(eq(assets.id, liveAd.images[3].id))
    .returning();

  // A second link of the owner's ad, revoked.
  const revokedToken = randomBytes(32).toString("base64url");
  await db().insert(shareLinks).values({
    token: revokedToken,
    sessionId: ad.session.id,
    createdBy: owner.id,
    revokedAt: sql`now()`,
  });
  const hook = { url: "https://example.com/hook", events: ["session.completed" as const] };
  const webhook = await insertWebhookEndpoint({ userId: owner.id, secret: "whsec_x", ...hook });
  const deletedWebhook = await insertWebhookEndpoint({
    userId: owner.id,
    secret: "whsec_y",
    ...hook,
  });
  await deleteWebhookEndpoint({ id: deletedWebhook.id, userId: owner.id });
  const batch = await insertBatch({
    tx: db(),
    values: {
      userId: owner.id,
      rowCount: 1,
      budgetUsd: "5",
      settings: {
        numImages: 4,
        approveImages: 2,
        clipDurationSeconds: 2,
        aspectRatio: "9:16",
        quality: "standard",
      },
    },
  });
  await db()
    .update(sessions)
    .set({ batchId: batch.id, batchRow: 1 })
    .where(eq(sessions.id, ad.session.id));
  return {
    batchId: batch.id,
    owner,
    other,
    marker,
    ad,
    deletedAd,
    liveAd,
    deletedAsset,
    revokedToken,
    webhookId: webhook.id,
    deletedWebhookId: deletedWebhook.id,
  };
}
