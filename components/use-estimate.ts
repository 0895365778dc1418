"use client";

import { useEffect, useState } from "react";
import { api, errorMessage } from "./api";
import type { Estimate } from "./session-types";

/** The server's estimate for a stage, refetched when its inputs change. */
export function useEstimate(sessionId: string | undefined, stage: Estimate["stage"], params: Record<string, string> = {}) {
  const [estimate, setEstimate] = useState<Estimate>();
  const [error, setError] = useState<string>();
  const query = new URLSearchParams({ stage, ...params }).toString();
  useEffect(() => {
    if (!sessionId) return;
    let live = true;
    setError(undefined);
    api<Estimate>("GET", `/api/sessions/${sessionId}/estimate?${query}`)
      .then((e) => live && setEstimate(e))
      .catch((err) => live && setError(errorMessage(err)));
    return () => {
      live = false;
    };
  }, [sessionId, query]);
  return { estimate, error };
}
