/** A placeholder block that keeps the space of what is coming (no layout shift when it lands). */
export function Skeleton({ className = "", label }: { className?: string; label?: string }) {
  return (
    <div
      className={`animate-pulse rounded-lg bg-slate-200 motion-reduce:animate-none ${className}`}
      role={label ? "status" : undefined}
      aria-label={label}
      aria-hidden={label ? undefined : true}
    />
  );
}
