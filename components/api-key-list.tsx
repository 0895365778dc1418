"use client";

import { useState } from "react";
import type { ApiKeyView } from "@/lib/auth/api-keys";
import { api, errorMessage } from "./api";
import { timeAgo } from "./format";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { Dialog } from "./ui/dialog";

/** The working keys (name, prefix, created, last used), each revocable after a confirmation. */
export function ApiKeyList({
  keys,
  now,
  onRevoked,
}: {
  keys: ApiKeyView[];
  now: number;
  onRevoked: (id: string) => void;
}) {
  const [revoking, setRevoking] = useState<ApiKeyView>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();

  async function revoke() {
    if (!revoking) return;
    setBusy(true);
    setError(undefined);
    try {
      await api("DELETE", `/api/keys/${revoking.id}`);
      onRevoked(revoking.id);
      setRevoking(undefined);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Panel title="Your keys" description="Revoking a key stops every call made with it at once.">
      {keys.length === 0 ? (
        <p className="text-sm text-slate-600" data-testid="no-api-keys">
          No API keys yet.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200" aria-label="API keys">
          {keys.map((k) => (
            <li
              key={k.id}
              className="flex flex-wrap items-center justify-between gap-3 py-3"
              data-testid="api-key-row"
            >
              <div className="min-w-0">
                <p className="truncate font-medium text-slate-900">{k.name}</p>
                <p className="text-xs text-slate-600">
                  <code className="font-mono">{k.prefix}…</code> · created{" "}
                  <time dateTime={k.createdAt}>{timeAgo(k.createdAt, now)}</time> ·{" "}
                  {k.lastUsedAt ? (
                    <>
                      last used <time dateTime={k.lastUsedAt}>{timeAgo(k.lastUsedAt, now)}</time>
                    </>
                  ) : (
                    "never used"
                  )}
                </p>
              </div>
              <Button
                variant="ghost"
                size="sm"
                onClick={() => setRevoking(k)}
                aria-label={`Revoke ${k.name}`}
              >
                Revoke
              </Button>
            </li>
          ))}
        </ul>
      )}
      <Dialog
        open={revoking !== undefined}
        onClose={() => setRevoking(undefined)}
        title="Revoke this key?"
        description={
          <>
            Anything using “{revoking?.name}” ({revoking?.prefix}…) stops working at once. This
            cannot be undone; a script needs a new key to go on.
          </>
        }
        footer={
          <>
            <Button variant="secondary" onClick={() => setRevoking(undefined)} disabled={busy}>
              Keep it
            </Button>
            <Button variant="danger" onClick={revoke} disabled={busy}>
              {busy ? "Revoking…" : "Revoke key"}
            </Button>
          </>
        }
      >
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </Panel>
  );
}
