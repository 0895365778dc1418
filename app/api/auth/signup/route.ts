import { jsonBody, serveRequest } from "@/lib/api/route";
import { assertSameOrigin } from "@/lib/api/same-origin";
import { signUp, signupInput } from "@/lib/auth/accounts";
import { clientIp } from "@/lib/auth/client-ip";

// A taken email is a 409, as api.md says: callers can tell which emails have accounts, at
// the pace of the sign-ups per address per hour (lib/auth/signup-limit.ts).
export const POST = (req: Request): Promise<Response> =>
  serveRequest(req, async () => {
    assertSameOrigin(req); // no account yet, but a forged sign-up could still plant one
    const user = await signUp(await jsonBody(req, signupInput), { ip: clientIp(req.headers) });
    return Response.json({ user }, { status: 201 });
  });
