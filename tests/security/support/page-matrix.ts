// Pages whose URL carries an id or a token: what the id names and what a signed-out visitor
// gets. access-matrix.test.ts checks that every such page under app/ has a row;
// e2e/security-pages.spec.ts drives the rows through the production build (pages need Next).
export type PageRow = {
  /** session: an id of the caller's own ad; batch: of the caller's batch; share: a public share token. */
  target: "session" | "batch" | "share";
  url: (x: string) => string;
  /** Signed out: sent to the login page, or public (the token is the key). */
  signedOut: "login" | "public";
};

export const PAGE_ROWS: Record<string, PageRow> = {
  "/sessions/[id]": { target: "session", url: (id) => `/sessions/${id}`, signedOut: "login" },
  "/batches/[id]": { target: "batch", url: (id) => `/batches/${id}`, signedOut: "login" },
  "/share/[token]": { target: "share", url: (t) => `/share/${t}`, signedOut: "public" },
};
