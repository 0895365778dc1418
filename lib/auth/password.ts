import bcrypt from "bcryptjs";

const COST = 12;
// A real hash of a random string: unknown emails are compared against it so that they
// take as long as a wrong password and reveal nothing.
const DUMMY_HASH = "$2b$12$GtW8uS/tijA2VaAFoCfi2e5JWhxd7fnaEfRSt7XKrY32TYxe6K2/y";

export function hashPassword(password: string): Promise<string> {
  return bcrypt.hash(password, COST);
}

export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
  return hash !== undefined && ok;
}
