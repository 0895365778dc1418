import type { Metadata } from "next";
import Link from "next/link";
import { openApiDocument } from "@/lib/api/openapi/document";
import { apiReference } from "@/lib/api/openapi/reference";

// The API reference, public like GET /api/openapi.json, rendered from that same document on
// the server (no CDN, no client script).
export const metadata: Metadata = { title: "API reference" };

const METHOD_STYLE: Record<string, string> = {
  GET: "bg-sky-100 text-sky-900",
  HEAD: "bg-sky-50 text-sky-900",
  POST: "bg-emerald-100 text-emerald-900",
  PUT: "bg-amber-100 text-amber-900",
  PATCH: "bg-amber-100 text-amber-900",
  DELETE: "bg-rose-100 text-rose-900",
};

const anchor = (method: string, path: string) =>
  `${method}-${path}`.toLowerCase().replace(/[^a-z0-9]+/g, "-");

export default function ApiReferencePage() {
  const doc = openApiDocument();
  const refs = apiReference(doc);
  const tags = [...new Set(refs.map((r) => r.tag))];
  const info = doc.info as { description: string };
  return (
    <main className="mx-auto max-w-5xl px-4 py-10">
      <p className="text-sm">
        <Link href="/" className="text-indigo-700 underline">
          Adsmith
        </Link>
      </p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight">API reference</h1>
      <p className="mt-3 max-w-3xl text-slate-700">{info.description}</p>
      <p className="mt-2 text-sm text-slate-700">
        Machine-readable:{" "}
        <a className="text-indigo-700 underline" href="/api/openapi.json">
          /api/openapi.json
        </a>{" "}
        (OpenAPI 3.1).
      </p>
      <nav aria-label="Operations" className="mt-6 grid gap-4 sm:grid-cols-2">
        {tags.map((t) => (
          <div key={t}>
            <h2 className="text-sm font-semibold text-slate-900">{t}</h2>
            <ul className="mt-1 space-y-0.5 text-sm">
              {refs
                .filter((r) => r.tag === t)
                .map((r) => (
                  <li key={anchor(r.method, r.path)}>
                    <a className="text-indigo-700 underline" href={`#${anchor(r.method, r.path)}`}>
                      {r.method} {r.path}
                    </a>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </nav>
      {refs.map((r) => (
        <section
          key={anchor(r.method, r.path)}
          id={anchor(r.method, r.path)}
          className="mt-8 rounded-lg border border-slate-200 bg-white p-4"
        >
          <h2 className="flex flex-wrap items-center gap-2 font-mono text-sm">
            <span className={`rounded px-1.5 py-0.5 font-semibold ${METHOD_STYLE[r.method]}`}>
              {r.method}
            </span>
            <span className="break-all">{r.path}</span>
          </h2>
          <p className="mt-2 text-sm text-slate-700">
            {r.summary}. Auth: {r.auth}.
          </p>
          {r.fields.length ? (
            <div className="mt-3 overflow-x-auto">
              <table className="w-full text-left text-xs">
                <caption className="sr-only">Request fields</caption>
                <thead className="text-slate-700">
                  <tr>
                    <th className="py-1 pr-3">field</th>
                    <th className="py-1 pr-3">in</th>
                    <th className="py-1 pr-3">type</th>
                    <th className="py-1 pr-3">required</th>
                    <th className="py-1">notes</th>
                  </tr>
                </thead>
                <tbody>
                  {r.fields.map((f) => (
                    <tr
                      key={`${f.where}-${f.name}`}
                      className="border-t border-slate-100 align-top"
                    >
                      <td className="py-1 pr-3 font-mono">{f.name}</td>
                      <td className="py-1 pr-3">{f.where}</td>
                      <td className="py-1 pr-3 font-mono break-words">{f.type}</td>
                      <td className="py-1 pr-3">{f.required ? "yes" : "no"}</td>
                      <td className="py-1 text-slate-700">{f.notes}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : null}
          <ul className="mt-3 space-y-0.5 text-xs text-slate-700">
            {r.responses.map((a) => (
              <li key={a.status}>
                <span className="font-mono font-semibold text-slate-900">{a.status}</span>{" "}
                {a.description}
                {a.body ? <span className="font-mono"> {a.body}</span> : null}
              </li>
            ))}
          </ul>
        </section>
      ))}
    </main>
  );
}
