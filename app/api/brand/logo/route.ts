import { readMultipartFile } from "@/lib/api/multipart-file";
import { apiRoute } from "@/lib/api/route";
import { deleteLogo, MAX_LOGO_BYTES, uploadLogo } from "@/lib/brand/kit";

export const POST = apiRoute(async ({ req, user }) => {
  const brand = await uploadLogo(user.id, () =>
    readMultipartFile(req, { field: "file", maxBytes: MAX_LOGO_BYTES, what: "logo" }),
  );
  return Response.json({ brand }, { status: 201 });
});

export const DELETE = apiRoute(async ({ user }) =>
  Response.json({ brand: await deleteLogo(user.id) }),
);
