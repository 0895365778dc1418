// Import first: a webhook signing secret for this test file, set before lib/env is read, so
// the webhook route verifies signatures (with no secret every delivery is refused).
import { randomBytes } from "node:crypto";

export const WEBHOOK_SECRET = `whsec_${randomBytes(24).toString("base64")}`;
process.env.REPLICATE_WEBHOOK_SECRET = WEBHOOK_SECRET;
