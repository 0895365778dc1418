"use client";

import { useRouter } from "next/navigation";
import { type FormEvent, useState } from "react";
import { api, errorMessage, fieldErrors } from "./api";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { ChoiceGroup } from "./ui/choice-group";
import { Field } from "./ui/field";

type StopAt = "review" | "done";
type Created = { batch: { id: string } };

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
          onChange={(e) => setCsv(e.target.files?.[0])}
          error={errors.csv}
        />
        <Field
          id="batch-photos"
          label="Photos (optional zip)"
          type="file"
          accept=".zip,application/zip"
          hint="The photo column names a file in this zip."
          onChange={(e) => setPhotos(e.target.files?.[0])}
          error={errors.photos ?? errors.photo}
        />
        <ChoiceGroup
          legend="Make"
          name="stopAt"
          value={stopAt}
          onChange={setStopAt}
          choices={STOPS}
        />
        <Button type="submit" disabled={busy}>
          {busy ? "Uploading…" : "Start the batch"}
        </Button>
        {errors.form ? <Alert>{errors.form}</Alert> : null}
      </form>
    </Panel>
  );
}
