import { localSecrets } from "../data-dir";
import { env } from "../env";

/** AUTH_SECRET from the environment, else the one the app generated in its data folder. */
export function authSecret(): string {
  return env.AUTH_SECRET ?? localSecrets().authSecret;
}
