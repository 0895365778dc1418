import { apiRoute } from "@/lib/api/route";
import { createBatch } from "@/lib/batches/create";
import { listBatches } from "@/lib/batches/view";

export const GET = apiRoute(async ({ user }) =>
  Response.json(await listBatches({ userId: user.id })),
);

export const POST = apiRoute(async ({ req, user }) =>
  Response.json(await createBatch({ userId: user.id, req }), { status: 201 }),
);
