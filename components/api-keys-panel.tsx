"use client";

import { useState } from "react";
import type { ApiKeyView } from "@/lib/auth/api-keys";
import { api } from "./api";
import { ApiKeyCreated } from "./api-key-created";
import { ApiKeyList } from "./api-key-list";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { Field } from "./ui/field";
import { useFormSubmit } from "./use-form-submit";

/** Create a key (its token shown once), list the working ones, revoke one. */
export function ApiKeysPanel({
  initialKeys,
  renderedAt,
}: {
  initialKeys: ApiKeyView[];
  renderedAt: number;
}) {
  const [keys, setKeys] = useState(initialKeys);
  // "Created 2 minutes ago" is relative to this: the server's render time at first (so the
  // browser renders the same text), moved on when a key is created on the open page.
  const [now, setNow] = useState(renderedAt);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<{ key: ApiKeyView; token: string }>();
  const { busy, errors, onSubmit } = useFormSubmit(["name"]);

  const create = onSubmit(async () => {
    const out = await api<{ key: ApiKeyView; token: string }>("POST", "/api/keys", { name });
    setNow(Date.now());
    setCreated(out);
    setKeys((list) => [out.key, ...list]);
    setName("");
  });

  return (
    <div className="space-y-6">
      <Panel title="Create a key">
        <form onSubmit={create} className="space-y-3" noValidate>
          <Field
            id="api-key-name"
            label="Key name"
            hint="Where the key is used, so you know which one to revoke later (e.g. “Zapier”)."
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={60}
            error={errors.name}
            autoComplete="off"
          />
          <Button type="submit" disabled={busy}>
            {busy ? "Creating…" : "Create key"}
          </Button>
          {errors.form ? <Alert>{errors.form}</Alert> : null}
        </form>
      </Panel>
      {created ? (
        <ApiKeyCreated
          name={created.key.name}
          token={created.token}
          onDone={() => setCreated(undefined)}
        />
      ) : null}
      <ApiKeyList
        keys={keys}
        now={now}
        onRevoked={(id) => {
          setKeys((list) => list.filter((k) => k.id !== id));
          if (created?.key.id === id) setCreated(undefined);
        }}
      />
    </div>
  );
}
