"use client";

import { type FormEvent, useState } from "react";
import { errorMessage, fieldErrors } from "./api";

/**
 * A form that calls the API once per submit: `onSubmit(task)` is the form's handler, `busy`
 * is true while it runs, a 400's messages for the named `fields` land in `errors` by field,
 * and any other failure in `errors.form`.
 */
export function useFormSubmit(fields: string[]) {
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const onSubmit = (task: () => Promise<void>) => async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      await task();
    } catch (err) {
      const named = Object.entries(fieldErrors(err)).filter(([k]) => fields.includes(k));
      setErrors(named.length ? Object.fromEntries(named) : { form: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, errors, onSubmit };
}
