"use client";

import { useState } from "react";
import { api, errorMessage } from "./api";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { MultiChoiceGroup } from "./ui/choice-group";
import { Field } from "./ui/field";
import { useFormSubmit } from "./use-form-submit";

type Event = "session.completed" | "session.failed" | "stage.completed";
type Webhook = { id: string; url: string; events: Event[]; createdAt: string };
type Delivery = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  responseStatus: number | null;
  lastError: string | null;
  createdAt: string;
};

const EVENTS: { value: Event; label: string }[] = [
  { value: "session.completed", label: "Ad ready" },
  { value: "session.failed", label: "Ad failed" },
  { value: "stage.completed", label: "Stage finished" },
];

/** Add a webhook (its signing secret shown once), list them, see deliveries, delete. */
export function WebhooksPanel({ initial }: { initial: Webhook[] }) {
  const [hooks, setHooks] = useState(initial);
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<Event[]>(["session.completed"]);
  const [secret, setSecret] = useState<string>();
  const { busy, errors, onSubmit } = useFormSubmit(["url", "events"]);

  const add = onSubmit(async () => {
    const out = await api<{ webhook: Webhook; secret: string }>("POST", "/api/webhooks", {
      url,
      events,
    });
    setHooks((list) => [out.webhook, ...list]);
    setSecret(out.secret);
    setUrl("");
  });

  return (
    <div className="space-y-6">
      <Panel title="Add a webhook">
        <form onSubmit={add} className="space-y-3" noValidate>
          <Field
            id="webhook-url"
            label="Address (URL)"
            type="url"
            placeholder="https://example.com/adsmith"
            value={url}
            onChange={(e) => setUrl(e.target.value)}
            error={errors.url}
            autoComplete="off"
          />
          <MultiChoiceGroup
            legend="Tell it when"
            name="events"
            values={events}
            onChange={setEvents}
            choices={EVENTS}
            error={errors.events}
          />
          <Button type="submit" disabled={busy}>
            {busy ? "Adding…" : "Add webhook"}
          </Button>
          {errors.form ? <Alert>{errors.form}</Alert> : null}
        </form>
      </Panel>
      {secret ? (
        <Alert tone="success" title="The webhook’s signing secret (shown this once)">
          <p className="text-sm">Verify each delivery’s webhook-signature with it.</p>
          <input
            readOnly
            aria-label="Signing secret"
            value={secret}
            onFocus={(e) => e.target.select()}
            className="mt-2 w-full rounded-md border border-slate-300 px-2 py-1 font-mono text-xs"
          />
          <Button
            variant="secondary"
            size="sm"
            className="mt-2"
            onClick={() => setSecret(undefined)}
          >
            I have saved it
          </Button>
        </Alert>
      ) : null}
      <Panel title="Your webhooks">
        {hooks.length === 0 ? (
          <p className="text-sm text-slate-600">No webhooks yet.</p>
        ) : (
          <ul className="space-y-4">
            {hooks.map((h) => (
              <WebhookRow
                key={h.id}
                hook={h}
                onDeleted={() => setHooks((l) => l.filter((x) => x.id !== h.id))}
              />
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}

function WebhookRow({ hook, onDeleted }: { hook: Webhook; onDeleted: () => void }) {
  const [deliveries, setDeliveries] = useState<Delivery[]>();
  const [error, setError] = useState<string>();
  const load = async () => {
    try {
      setDeliveries(
        (await api<{ deliveries: Delivery[] }>("GET", `/api/webhooks/${hook.id}/deliveries`))
          .deliveries,
      );
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  const remove = async () => {
    if (!window.confirm(`Delete the webhook to ${hook.url}? Nothing more is sent to it.`)) return;
    try {
      await api("DELETE", `/api/webhooks/${hook.id}`);
      onDeleted();
    } catch (err) {
      setError(errorMessage(err));
    }
  };
  return (
    <li className="rounded-lg border border-slate-200 p-3" data-testid="webhook">
      <p className="font-mono text-sm break-all">{hook.url}</p>
      <p className="mt-1 text-xs text-slate-600">{hook.events.join(", ")}</p>
      <div className="mt-2 flex gap-2">
        <Button variant="secondary" size="sm" onClick={load}>
          {deliveries ? "Refresh deliveries" : "Show deliveries"}
        </Button>
        <Button variant="secondary" size="sm" onClick={remove}>
          Delete
        </Button>
      </div>
      {error ? <Alert className="mt-2">{error}</Alert> : null}
      {deliveries ? (
        deliveries.length === 0 ? (
          <p className="mt-2 text-xs text-slate-600">Nothing sent yet.</p>
        ) : (
          <table className="mt-2 w-full text-left text-xs">
            <caption className="sr-only">Deliveries to {hook.url}</caption>
            <thead className="text-slate-700">
              <tr>
                <th className="py-1 pr-2">event</th>
                <th className="py-1 pr-2">status</th>
                <th className="py-1 pr-2">attempts</th>
                <th className="py-1">answer</th>
              </tr>
            </thead>
            <tbody>
              {deliveries.map((d) => (
                <tr key={d.id} className="border-t border-slate-100">
                  <td className="py-1 pr-2">{d.event}</td>
                  <td className="py-1 pr-2">{d.status}</td>
                  <td className="py-1 pr-2">{d.attempts}</td>
                  <td className="py-1">{d.responseStatus ?? d.lastError ?? "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      ) : null}
    </li>
  );
}
