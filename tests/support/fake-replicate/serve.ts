// The fake Replicate as a process of its own, for benchmarks: a real Replicate is not in our
// process, so neither its CPU nor its timers should share our event loop (in-process, a busy
// worker made 2 s predictions finish late and held back their webhooks).
//   FAKE_PORT, FAKE_TOKEN, FAKE_SECRET (required), FAKE_LATENCY_MS (default 150)
// Prints "fake replicate ready <url>" when listening; SIGTERM stops it.
import { MODELS } from "@/lib/providers/prices";
import { startFakeReplicate } from "./index";

const need = (name: string) => {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is required`);
  return v;
};

const fake = await startFakeReplicate({
  token: need("FAKE_TOKEN"),
  webhookSecret: need("FAKE_SECRET"),
  port: Number(need("FAKE_PORT")),
});
const latencyMs = Number(process.env.FAKE_LATENCY_MS ?? 150);
for (const m of Object.values(MODELS))
  if (m.replicate) fake.behave(m.replicate.model, { latencyMs });
// A benchmark makes thousands of requests; their bodies are not needed here.
setInterval(() => fake.requests.splice(0), 10_000).unref();
console.log(`fake replicate ready ${fake.url}`);
process.on("SIGTERM", () => void fake.close().then(() => process.exit(0)));
