"use client";

import { useEffect, useState } from "react";
import { api, errorMessage } from "./api";
import type { Estimate } from "./session-types";

/**
 * The server's estimate for a stage with the user's current choices (`params`: the
 * estimate endpoint's query, e.g. clipDurationSeconds, music, musicGenre, aspectRatios),
 * refetched when they change. While the estimate for the current choices is on its way,
 * none is returned: an amount for other choices must never be the one confirmed.
 */
export function useEstimate(
  sessionId: string | undefined,
  stage: Estimate["stage"],
  params: Record<string, string> = {},
) {
  const [result, setResult] = useState<{ path: string; estimate?: Estimate; error?: string }>();
  const path = sessionId
    ? `/api/sessions/${sessionId}/estimate?${new URLSearchParams({ stage, ...params })}`
    : undefined;
  useEffect(() => {
    if (!path) return;
    let live = true;
    api<Estimate>("GET", path)
      .then((estimate) => live && setResult({ path, estimate }))
      .catch((err) => live && setResult({ path, error: errorMessage(err) }));
    return () => {
      live = false;
    };
  }, [path]);
  const current = path && result?.path === path ? result : undefined;
  return { estimate: current?.estimate, error: current?.error };
}
