"use client";

import { useEffect, useState } from "react";
import { api } from "./api";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { CopyField } from "./ui/copy-field";
import { useAction } from "./use-action";

/**
 * A public link to the finished ad: create, copy, revoke. Anyone with the link can watch.
 * The active link is read from the server (GET …/share), so it shows after a reload too.
 */
export function ShareLink({ sessionId, refresh }: { sessionId: string; refresh: () => void }) {
  const [url, setUrl] = useState<string>();
  const [loaded, setLoaded] = useState(false);
  const { run, busy, error } = useAction(refresh);

  useEffect(() => {
    let live = true;
    setLoaded(false);
    // 404 = no active link; any other failure also leaves "Get a share link" (asking again returns the same link).
    api<{ url: string }>("GET", `/api/sessions/${sessionId}/share`)
      .then((out) => live && setUrl(out.url))
      .catch(() => live && setUrl(undefined))
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [sessionId]);

  async function create() {
    const out = await run("create", () =>
      api<{ url: string }>("POST", `/api/sessions/${sessionId}/share`),
    );
    if (out) setUrl(out.url);
  }
  async function revoke() {
    const out = await run("revoke", () =>
      api("DELETE", `/api/sessions/${sessionId}/share`).then(() => true),
    );
    if (out) setUrl(undefined);
  }
  return (
    <div className="space-y-2">
      {!loaded && !url ? (
        <p className="py-1.5 text-sm text-slate-500" role="status">
          Checking for a share link…
        </p>
      ) : url ? (
        <>
          <label htmlFor="share-url" className="block text-sm font-medium text-slate-700">
            Share link
          </label>
          <CopyField
            id="share-url"
            value={url}
            testId="share-url"
            inputClassName="border-slate-300 bg-slate-50"
            copiedText="Link copied."
          />
          <div className="flex items-center justify-between gap-2">
            <p className="text-xs text-slate-500">
              Anyone with this link can watch the ad, without signing in.
            </p>
            <Button variant="ghost" size="sm" onClick={revoke} disabled={busy !== undefined}>
              {busy === "revoke" ? "Revoking…" : "Revoke link"}
            </Button>
          </div>
        </>
      ) : (
        <div className="flex flex-wrap items-center justify-between gap-2">
          <p className="text-sm text-slate-600">
            Share a public link that plays the ad in any browser.
          </p>
          <Button
            variant="secondary"
            size="sm"
            onClick={create}
            disabled={busy !== undefined}
            data-testid="create-share"
          >
            {busy === "create" ? "Getting the link…" : "Get a share link"}
          </Button>
        </div>
      )}
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}
