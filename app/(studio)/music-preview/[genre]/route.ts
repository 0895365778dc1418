// A few seconds of each music genre for the Finish step's preview button: the offline
// synthesiser's bed (no model call, no cost), made once per process and cached by browsers.
import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { synthesiseBed } from "@/lib/providers/local/synth/bed";
import { SAMPLE_RATE } from "@/lib/providers/local/synth/dsp";
import { encodeWav } from "@/lib/providers/local/synth/wav";
import { MUSIC_GENRES, type MusicGenre } from "@/lib/providers/types";

const PREVIEW_SECONDS = 6;
const cache = new Map<MusicGenre, Buffer>();

export const GET = apiRoute(
  async ({ params }) => {
    let wav = cache.get(params.genre);
    if (!wav) {
      const bed = synthesiseBed(params.genre, PREVIEW_SECONDS, 1);
      wav = encodeWav(bed.left, bed.right, SAMPLE_RATE);
      cache.set(params.genre, wav);
    }
    return new Response(new Uint8Array(wav), {
      headers: {
        "content-type": "audio/wav",
        "content-length": String(wav.length),
        "cache-control": "private, max-age=86400",
      },
    });
  },
  { params: z.object({ genre: z.enum(MUSIC_GENRES) }) },
);
