export default function SharedVideoNotFound() {
  return (
    <main
      className="flex min-h-screen flex-col items-center justify-center gap-2 bg-slate-950 px-4 text-center text-white"
      data-testid="share-not-found"
    >
      <h1 className="text-xl font-semibold">This video is not available</h1>
      <p className="max-w-sm text-sm text-slate-400">
        The link may have been turned off by the person who shared it, or it is mistyped.
      </p>
    </main>
  );
}
