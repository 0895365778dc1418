// Auth.js (next-auth v5): email + password, JWT session in an HttpOnly cookie. The config
// is built lazily so that `next build` does not create the data folder for the secret.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { env } from "../env";
import { checkCredentials } from "./accounts";
import { clientIp } from "./client-ip";
import { authSecret } from "./secret";
import { endAllSessions } from "./sign-out";

export class InvalidLogin extends CredentialsSignin {
  code = "invalid_credentials";
}
export class RateLimitedLogin extends CredentialsSignin {
  code = "rate_limited";
}

export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  secret: authSecret(),
  trustHost: true,
  // Secure (__Secure-) cookies whenever the app is served over https: Auth.js decides from
  // the request (X-Forwarded-Proto behind a proxy), which a proxy that does not set it would
  // get wrong; PUBLIC_URL says how users reach us.
  useSecureCookies: env.PUBLIC_URL?.startsWith("https:") ? true : undefined,
  session: { strategy: "jwt", maxAge: 30 * 24 * 60 * 60 },
  // Errors go to the login form too: Auth.js's own error page answers 500 for
  // ?error=Configuration, which anyone could request (or reach with a GET to a POST action).
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const result = await checkCredentials(credentials, clientIp(request.headers));
        if (result.ok) return result.user;
        throw result.reason === "rate_limited" ? new RateLimitedLogin() : new InvalidLogin();
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        // The version the cookie was issued at (lib/auth/sign-out.ts).
        token.sv = (user as { sessionVersion?: number }).sessionVersion ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  events: {
    // The server action and POST /api/auth/signout both come here.
    async signOut(message) {
      const userId = Number("token" in message ? message.token?.sub : undefined);
      if (Number.isInteger(userId) && userId > 0) await endAllSessions({ userId });
    },
  },
  logger: {
    // Wrong passwords are expected; everything else is logged without the credentials.
    error(error) {
      if (error instanceof CredentialsSignin) return;
      const type = (error as { type?: string }).type ?? error.name;
      console.error(JSON.stringify({ level: "error", msg: "auth error", error: type }));
    },
  },
}));
