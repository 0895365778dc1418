// The fake Replicate of a replicate-mode test file, on the address, token and signing secret
// ./fake-replicate/env.ts put into the environment. That module must be the test file's first
// import, written bare: `import "../support/fake-replicate/env";` (the formatter keeps bare
// imports in place; a named one gets sorted after lib modules that read the environment).
import { type FakeReplicate, startFakeReplicate } from "./fake-replicate";
import { FAKE_SECRET, FAKE_TOKEN, fakePort } from "./fake-replicate/env";

export function bootFakeReplicate(): Promise<FakeReplicate> {
  return startFakeReplicate({ token: FAKE_TOKEN, webhookSecret: FAKE_SECRET, port: fakePort() });
}
