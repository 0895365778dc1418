import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getSharedVideo } from "@/lib/sessions/share";

// Public: no sign-in. The token is the only key, so it never travels on as a referrer and
// the page is not indexed. Nothing of the account is shown: the video and its product name.
export const dynamic = "force-dynamic";

type Props = { params: Promise<{ token: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const shared = await getSharedVideo((await params).token);
  return {
    title: shared?.productName || "Shared video",
    robots: { index: false, follow: false },
    referrer: "no-referrer",
  };
}

const ASPECT: Record<string, string> = {
  "9:16": "aspect-[9/16] max-w-sm",
  "1:1": "aspect-square max-w-xl",
  "16:9": "aspect-video max-w-4xl",
};

export default async function SharedVideoPage({ params }: Props) {
  const { token } = await params;
  const shared = await getSharedVideo(token);
  if (!shared) notFound();
  const base = `/api/share/${encodeURIComponent(token)}`;
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-5 bg-slate-950 px-4 py-8 text-white">
      <h1
        className="max-w-2xl text-center text-xl font-semibold tracking-tight break-words whitespace-pre-line sm:text-2xl"
        dir="auto"
      >
        {shared.productName}
      </h1>
      {/* biome-ignore lint/a11y/useMediaCaption: the ad has no speech (music only); its words are on screen and in the heading above */}
      <video
        data-testid="shared-video"
        className={`w-full ${ASPECT[shared.aspectRatio] ?? ASPECT["9:16"]} max-h-[78vh] rounded-xl bg-black shadow-2xl`}
        src={`${base}/video`}
        poster={shared.posterKey ? `${base}/poster` : undefined}
        controls
        playsInline
        preload="metadata"
      />
      <p className="text-xs text-slate-400">Made with Adsmith</p>
    </main>
  );
}
