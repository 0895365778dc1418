// Socket.IO connections are authenticated by the same Auth.js cookie as pages and API, with
// the same check (a signed-out cookie's session version is behind the user's).
export { userFromCookieHeader } from "../auth/request-user";
