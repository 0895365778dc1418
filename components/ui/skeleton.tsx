/** A placeholder block that keeps the space of what is coming (no layout shift when it lands). */
export function Skeleton({ className = "", label }: { className?: string; label?: string }) {
  const classes = `animate-pulse rounded-lg bg-slate-200 motion-reduce:animate-none ${className}`;
  if (!label) return <div className={classes} aria-hidden />;
  return <div className={classes} role="status" aria-label={label} />;
}
