"use client";

import { useState } from "react";
import { api } from "./api";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Dialog } from "./ui/dialog";
import { useAction } from "./use-action";

/** Stops the work that is running; what is finished stays. */
export function CancelButton({ sessionId, refresh }: { sessionId: string; refresh: () => void }) {
  const [open, setOpen] = useState(false);
  const { run, busy, error } = useAction(refresh);
  async function cancel() {
    const ok = await run("cancel", () => api("POST", `/api/sessions/${sessionId}/cancel`));
    if (ok) setOpen(false);
  }
  return (
    <>
      <Button variant="secondary" size="sm" onClick={() => setOpen(true)} data-testid="cancel-work">
        Stop
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        title="Stop this work?"
        description="Running model calls are cancelled. Everything already finished is kept, and you can resume later."
        footer={
          <>
            <Button
              variant="secondary"
              onClick={() => setOpen(false)}
              disabled={busy !== undefined}
            >
              Keep going
            </Button>
            <Button variant="danger" onClick={cancel} disabled={busy !== undefined}>
              {busy ? "Stopping…" : "Stop now"}
            </Button>
          </>
        }
      >
        {error ? <Alert>{error}</Alert> : null}
      </Dialog>
    </>
  );
}
