// The official client, configured once per process. The token goes into the client and from
// there only into the Authorization header of API requests (never into inputs: the
// "data-uri" file strategy of replicate 1.4.0 would send the client object, token included,
// as an input, so files are uploaded explicitly and the strategy is pinned to "upload").
import Replicate from "replicate";
import { env } from "../../env";
import { replicateTransport } from "./transport";

let client: Replicate | undefined;

export function replicateClient(): Replicate {
  if (client) return client;
  if (!env.REPLICATE_API_TOKEN) throw new Error("REPLICATE_API_TOKEN is not set");
  client = new Replicate({
    auth: env.REPLICATE_API_TOKEN,
    baseUrl: env.REPLICATE_BASE_URL ?? "https://api.replicate.com/v1",
    fetch: replicateTransport,
    userAgent: "adsmith/0.1",
    useFileOutput: false,
    fileEncodingStrategy: "upload",
  });
  return client;
}

/** The parts of a prediction we read (validated in ./prediction-shape.ts). */
export type { Prediction } from "./prediction-shape";
