"use client";

import { useCallback, useState } from "react";
import { ApiError, errorMessage } from "./api";

/**
 * Runs one user action at a time (a button press that calls the API), keeps its error for
 * display, and refreshes the page's state after success.
 */
export function useAction(refresh: () => void) {
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<{ message: string; err: unknown }>();
  const run = useCallback(
    async <T>(name: string, task: () => Promise<T>): Promise<T | undefined> => {
      setBusy(name);
      setError(undefined);
      try {
        const out = await task();
        refresh();
        return out;
      } catch (err) {
        setError({ message: errorMessage(err), err });
        if (err instanceof ApiError && (err.code === "invalid_state" || err.code === "conflict"))
          refresh(); // someone moved on
        return undefined;
      } finally {
        setBusy(undefined);
      }
    },
    [refresh],
  );
  return {
    run,
    busy,
    error: error?.message,
    errorObject: error?.err,
    clearError: () => setError(undefined),
  };
}
