"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { api, errorMessage, fieldErrors } from "./api";
import { usd } from "./format";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { ChoiceGroup } from "./ui/choice-group";
import { Field } from "./ui/field";

type StopAt = "review" | "done";
type Created = { batch: { id: string } };
type Checked = {
  estimate: { amount: number; calls: number; rows: number; photos: number; budgetUsd: number };
};

const STOPS: { value: StopAt; label: string; hint: string }[] = [
  { value: "done", label: "Finished videos", hint: "images, clips and the video, with defaults" },
  { value: "review", label: "Stop at image review", hint: "you choose the images of each ad" },
];

/** The CSV (and an optional zip of photos) → a batch; its page shows the estimate and progress. */
export function BatchUploadForm({ maxRows }: { maxRows: number }) {
  const router = useRouter();
  const [csv, setCsv] = useState<File>();
  const [photos, setPhotos] = useState<File>();
  const [stopAt, setStopAt] = useState<StopAt>("done");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  // The checked upload's estimate; any change to the choices asks for a new check.
  const [checked, setChecked] = useState<Checked["estimate"]>();
  const changed =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setChecked(undefined);
    };

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!csv) {
      setErrors({ csv: "Choose a CSV file." });
      return;
    }
    setBusy(true);
    setErrors({});
    const form = new FormData();
    form.append("csv", csv);
    if (photos) form.append("photos", photos);
    form.append("stopAt", stopAt);
    try {
      if (!checked) {
        form.append("dryRun", "true");
        setChecked((await api<Checked>("POST", "/api/batches", form)).estimate);
        setBusy(false);
        return;
      }
      form.append("confirmEstimate", String(checked.amount));
      const out = await api<Created>("POST", "/api/batches", form);
      router.push(`/batches/${out.batch.id}`);
    } catch (err) {
      const f = fieldErrors(err);
      // A CSV problem names its line and column in the message: show it whole.
      setErrors(
        f.csv
          ? { csv: errorMessage(err) }
          : Object.keys(f).length
            ? f
            : { form: errorMessage(err) },
      );
      setBusy(false);
    }
  }

  return (
    <Panel title="Upload a CSV">
      <form onSubmit={submit} className="space-y-4" noValidate>
        <Field
          id="batch-csv"
          label="CSV file"
          type="file"
          accept=".csv,text/csv"
          hint={`Columns productPrompt, productName, callToAction and optionally photo; up to ${maxRows} rows, one ad each.`}
          onChange={(e) => changed(setCsv)(e.target.files?.[0])}
          error={errors.csv}
        />
        <Field
          id="batch-photos"
          label="Photos (optional zip)"
          type="file"
          accept=".zip,application/zip"
          hint="The photo column names a file in this zip."
          onChange={(e) => changed(setPhotos)(e.target.files?.[0])}
          error={errors.photos ?? errors.photo}
        />
        <ChoiceGroup
          legend="Make"
          name="stopAt"
          value={stopAt}
          onChange={changed(setStopAt)}
          choices={STOPS}
        />
        {checked ? (
          <p className="text-sm text-slate-700" data-testid="batch-check" aria-live="polite">
            {checked.rows} ad{checked.rows === 1 ? "" : "s"}
            {checked.photos ? ` (${checked.photos} with a photo)` : ""}: estimated{" "}
            <strong>{usd(checked.amount)}</strong> for {checked.calls} model calls, within a budget
            of {usd(checked.budgetUsd)}.
          </p>
        ) : null}
        <Button type="submit" disabled={busy}>
          {busy ? "Uploading…" : checked ? "Start the batch" : "Check and estimate"}
        </Button>
        {errors.form ? <Alert>{errors.form}</Alert> : null}
      </form>
    </Panel>
  );
}
