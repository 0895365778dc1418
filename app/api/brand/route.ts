import { apiRoute, jsonBody } from "@/lib/api/route";
import { getBrand, updateBrand } from "@/lib/brand/kit";
import { brandBody } from "@/lib/brand/settings";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ user }) => Response.json({ brand: await getBrand(user.id) }));

export const PUT = apiRoute(async ({ req, user }) => {
  const input = await jsonBody(req, brandBody);
  return Response.json({ brand: await updateBrand(user.id, input) });
});
