// Input files (the image a clip animates, a product photo) go to Replicate's files API and
// the model gets their URL: never a data URI built by the client (see ./client.ts).
import { readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import { ProviderError } from "../types";
import { callApi } from "./api-call";
import { replicateClient } from "./client";

const MIME: Record<string, string> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".webp": "image/webp",
};
const fileSchema = z.looseObject({ urls: z.looseObject({ get: z.url() }) });

export async function uploadInput(
  filePath: string,
  what: string,
  signal?: AbortSignal,
): Promise<string> {
  const bytes = await readFile(filePath);
  const blob = new File([bytes], path.basename(filePath), {
    type: MIME[path.extname(filePath).toLowerCase()] ?? "application/octet-stream",
  });
  const client = replicateClient();
  const file = fileSchema.safeParse(
    await callApi("upload", what, () => client.files.create(blob, {}, { signal }), signal),
  );
  if (!file.success)
    throw new ProviderError(
      `The ${what} service did not accept our input file. We'll try again.`,
      "transient",
    );
  return file.data.urls.get;
}
