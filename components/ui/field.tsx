import type {
  InputHTMLAttributes,
  ReactNode,
  SelectHTMLAttributes,
  TextareaHTMLAttributes,
} from "react";

export const controlClasses =
  "block w-full rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-sm shadow-sm placeholder:text-slate-400 focus:border-brand-500 focus:ring-2 focus:ring-brand-100 focus:outline-none disabled:bg-slate-100 disabled:text-slate-500 aria-invalid:border-rose-400";

type Extra = {
  label: ReactNode;
  id: string;
  hint?: ReactNode;
  error?: string;
  counter?: { value: number; max: number };
};

/** Label, hint or error, and an optional live character counter around one control. */
function FieldFrame({
  label,
  id,
  hint,
  error,
  counter,
  children,
}: Omit<Extra, "id"> & { id: string; children: ReactNode }) {
  const over = counter ? counter.value > counter.max : false;
  return (
    <div className="space-y-1.5">
      <div className="flex items-baseline justify-between gap-3">
        <label htmlFor={id} className="block text-sm font-medium text-slate-700">
          {label}
        </label>
        {counter ? (
          <span
            id={`${id}-counter`}
            className={`text-xs tabular-nums ${over ? "font-semibold text-rose-600" : "text-slate-500"}`}
          >
            {counter.value}/{counter.max}
          </span>
        ) : null}
      </div>
      {children}
      {error ? (
        <p id={`${id}-error`} className="text-sm text-rose-600">
          {error}
        </p>
      ) : hint ? (
        <p id={`${id}-hint`} className="text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
    </div>
  );
}

function describedBy({
  id,
  error,
  hint,
  counter,
}: Pick<Extra, "id" | "error" | "hint" | "counter">) {
  const ids = [
    error ? `${id}-error` : hint ? `${id}-hint` : "",
    counter ? `${id}-counter` : "",
  ].filter(Boolean);
  return ids.length ? ids.join(" ") : undefined;
}

/** A labelled input; every control in the app has a visible label. */
export function Field({
  label,
  hint,
  error,
  id,
  counter,
  className = "",
  ...props
}: InputHTMLAttributes<HTMLInputElement> & Extra) {
  return (
    <FieldFrame label={label} id={id} hint={hint} error={error} counter={counter}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, error, hint, counter })}
        className={`${controlClasses} ${className}`}
        {...props}
      />
    </FieldFrame>
  );
}

export function TextareaField({
  label,
  hint,
  error,
  id,
  counter,
  className = "",
  ...props
}: TextareaHTMLAttributes<HTMLTextAreaElement> & Extra) {
  return (
    <FieldFrame label={label} id={id} hint={hint} error={error} counter={counter}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, error, hint, counter })}
        className={`${controlClasses} resize-y ${className}`}
        {...props}
      />
    </FieldFrame>
  );
}

export function SelectField({
  label,
  hint,
  error,
  id,
  className = "",
  children,
  ...props
}: SelectHTMLAttributes<HTMLSelectElement> & Extra) {
  return (
    <FieldFrame label={label} id={id} hint={hint} error={error}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy({ id, error, hint })}
        className={`${controlClasses} ${className}`}
        {...props}
      >
        {children}
      </select>
    </FieldFrame>
  );
}
