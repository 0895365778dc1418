// Managing API keys: create (the token is returned once and never stored), list, revoke.
// Policy, written down here because the routes follow it:
// - Only a signed-in browser session may create or revoke keys; a key may list them. A
//   leaked key therefore cannot mint itself a successor or revoke the owner's other keys.
// - Signing out everywhere (users.session_version) ends browser sessions, not keys: keys
//   belong to scripts that never signed in, and each is revoked on its own, at once.
// - At most MAX_ACTIVE_KEYS per account, so a runaway script cannot fill the table.

import { z } from "zod";
import { singleLine } from "../api/text";
import {
  countActiveApiKeys,
  insertApiKey,
  listActiveApiKeys,
  revokeApiKey as revokeApiKeyRow,
} from "../db/queries/api-keys";
import type { ApiKey } from "../db/schema";
import { AppError, notFound } from "../errors";
import { newToken } from "./api-keys-token";

export const MAX_ACTIVE_KEYS = 25;

/** What the API and the studio show of a key: never its token or hash. */
export type ApiKeyView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
};

export function apiKeyView(row: ApiKey): ApiKeyView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  };
}

export const keyManagementRefused = () =>
  new AppError(
    "forbidden",
    "API keys are created and revoked in the studio while signed in, not with an API key.",
  );

export async function createApiKey({
  userId,
  name,
}: {
  userId: number;
  name: string;
}): Promise<{ key: ApiKeyView; token: string }> {
  if ((await countActiveApiKeys({ userId })) >= MAX_ACTIVE_KEYS)
    throw new AppError(
      "conflict",
      `You already have ${MAX_ACTIVE_KEYS} API keys. Revoke one you no longer use, then create a new one.`,
    );
  const { token, prefix, tokenHash } = newToken();
  const row = await insertApiKey({ userId, name, prefix, tokenHash });
  return { key: apiKeyView(row), token };
}

export async function listApiKeys({ userId }: { userId: number }): Promise<ApiKeyView[]> {
  return (await listActiveApiKeys({ userId })).map(apiKeyView);
}

/** Another user's, an unknown or an already revoked key is a 404. */
export async function revokeApiKey({ userId, id }: { userId: number; id: string }) {
  if (!(await revokeApiKeyRow({ userId, id }))) throw notFound("That API key");
}

/** POST /api/keys. */
export const createKeyBody = z.object({
  name: singleLine()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, "Give the key a name, e.g. where it is used.")
        .max(60, "At most 60 characters."),
    ),
});
