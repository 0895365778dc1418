// Import first: the app's public address for this test file (set before lib/env is read), so
// the same-origin check has a PUBLIC_URL origin to accept besides the request's own.
export const PUBLIC_URL = "https://ads.example.test";
process.env.PUBLIC_URL = PUBLIC_URL;
