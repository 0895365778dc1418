// Outgoing-webhook tests deliver to a receiver on 127.0.0.1 (a loopback target the product
// refuses by default) and retry within a second instead of hours. Import first.
process.env.WEBHOOK_ALLOW_PRIVATE_TARGETS = "true";
process.env.WEBHOOK_RETRY_DELAYS_SECONDS = "0.3,0.3,0.3,0.3";
process.env.WEBHOOK_TIMEOUT_SECONDS = "2";
