// Socket.IO connections are authenticated by the same Auth.js cookie as pages and API.
export { userIdFromCookie } from "../auth/session-cookie";
