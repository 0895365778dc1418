// The fake Replicate for `npm run bench:load`, in a process of its own (as Replicate would be):
// each model answers after its real-world latency scaled down (FAKE_SCALE, default 0.1), with
// ±30 % jitter. FAKE_PORT, FAKE_TOKEN, FAKE_SECRET required. Prints "fake replicate ready".
import { MODELS } from "@/lib/providers/prices";
import { startFakeReplicate } from "../tests/support/fake-replicate";

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};
const scale = Number(process.env.FAKE_SCALE ?? 0.1);
// Typical seconds per prediction on Replicate (platform notes): Llama ~4, FLUX ~8,
// image-to-video 30–90, music ~20.
const REAL_SECONDS: Record<string, number> = {
  "meta/meta-llama-3.1-405b-instruct": 4,
  "black-forest-labs/flux-kontext-pro": 8,
  "bytedance/seedream-4": 8,
  "stability-ai/stable-video-diffusion": 45,
  "kwaivgi/kling-v2.5-turbo-pro": 60,
  "meta/musicgen": 20,
  "stability-ai/stable-audio-2.5": 20,
};
const fake = await startFakeReplicate({
  token: need("FAKE_TOKEN"),
  webhookSecret: need("FAKE_SECRET"),
  port: Number(need("FAKE_PORT")),
});
const models = Object.values(MODELS).flatMap((m) => (m.replicate ? [m.replicate.model] : []));
const jitter = () => {
  for (const m of models)
    fake.behave(m, {
      latencyMs: Math.round((REAL_SECONDS[m] ?? 10) * 1000 * scale * (0.7 + Math.random() * 0.6)),
    });
};
jitter();
setInterval(jitter, 50).unref();
setInterval(() => fake.requests.splice(0), 10_000).unref();
console.log(`fake replicate ready ${fake.url}`);
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
