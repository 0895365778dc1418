// Where a webhook may be sent. A URL a user types must not turn the server into a proxy for
// the private network (SSRF): http(s) only, and no loopback, private, link-local, carrier-
// grade NAT or multicast address — checked when the endpoint is saved and again for the
// address each attempt actually connects to (the `lookup` given to the HTTP client), so a
// name that re-resolves to 127.0.0.1 later (DNS rebinding) is refused too.
// WEBHOOK_ALLOW_PRIVATE_TARGETS lifts the address rule (local set-ups, tests).
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP } from "node:net";
import { env } from "../../env";
import { invalidInput } from "../../errors";

const blocked = new BlockList();
for (const [net, bits] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked.addSubnet(net, bits, "ipv4");
for (const [net, bits] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked.addSubnet(net, bits, "ipv6");

/** Whether connecting to this address would reach this machine or a private network. */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return isPrivateAddress(mapped[1]);
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) return blocked.check(address, "ipv6");
  return true; // not an address: refuse
}

const urlProblem = (message: string) => invalidInput([{ path: "url", message }], message);

const allowPrivate = () => env.WEBHOOK_ALLOW_PRIVATE_TARGETS;

/** The URL, checked for saving; throws a 400 that names the field. */
export async function checkTargetUrl(raw: string): Promise<string> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw urlProblem("The webhook URL must be a full http(s) address.");
  }
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw urlProblem("The webhook URL must start with https:// or http://.");
  if (url.username || url.password)
    throw urlProblem("Put no user name or password in the webhook URL.");
  if (allowPrivate()) return url.toString();
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve) =>
        dnsLookup(host, { all: true }, (err, found) =>
          resolve(err ? [] : (found as LookupAddress[]).map((a) => a.address)),
        ),
      );
  if (!addresses.length) throw urlProblem(`The webhook URL's host ${host} could not be found.`);
  if (addresses.some(isPrivateAddress))
    throw urlProblem(
      "The webhook URL points to a private or loopback address; use a public address.",
    );
  return url.toString();
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** dns.lookup for the HTTP client that refuses private addresses (unless allowed). */
export function guardedLookup(hostname: string, options: object, callback: LookupCallback): void {
  dnsLookup(hostname, { ...options, all: true }, (err, found) => {
    if (err) return callback(err, []);
    const list = found as LookupAddress[];
    const usable = allowPrivate() ? list : list.filter((a) => !isPrivateAddress(a.address));
    if (!usable.length) {
      const e: NodeJS.ErrnoException = new Error(
        `${hostname} resolves to a private address; webhooks are not sent there`,
      );
      e.code = "EPRIVATETARGET";
      return callback(e, []);
    }
    if ((options as { all?: boolean }).all) return callback(null, usable);
    callback(null, usable[0].address, usable[0].family);
  });
}
