import { readMultipartFile } from "@/lib/api/multipart-file";
import { apiRoute } from "@/lib/api/route";
import { deleteLogo, MAX_LOGO_BYTES, serveCurrentLogo, uploadLogo } from "@/lib/brand/kit";

export const dynamic = "force-dynamic";

/** The current logo (the Finish step shows it beside the corner-mark switch). */
export const GET = apiRoute(async ({ req, user }) => serveCurrentLogo(user.id, req));

export const POST = apiRoute(async ({ req, user }) => {
  const brand = await uploadLogo(user.id, () =>
    readMultipartFile(req, { field: "file", maxBytes: MAX_LOGO_BYTES, what: "logo" }),
  );
  return Response.json({ brand }, { status: 201 });
});

export const DELETE = apiRoute(async ({ user }) =>
  Response.json({ brand: await deleteLogo(user.id) }),
);
