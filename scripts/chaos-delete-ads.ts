// The chaos run's deletion scenario (issue 16, finding 7): five more ads started and deleted
// through the API, as a marketer would — three at random moments while workers are being
// SIGKILLed, one once images are stored, one once a clip is — while jobs are writing files.
// Their files must all leave storage (the storage-purge jobs, retried across the kills), and
// at the end the storage sweep must find no file missing anywhere; the orphans it finds (a
// render killed between its file and its row) are removed by it, and a second look must
// find none.
//
// scripts/chaos.ts starts it next to its marketers and adds its verdict to the run's.
import { sql } from "drizzle-orm";
import { db } from "../lib/db/client";
import { QUEUES } from "../lib/pipeline/queue";
import { storage } from "../lib/storage";
import { sweepStorage } from "../lib/storage/lifecycle/sweep";
import type { apiClient } from "../tests/support/users";

type Api = ReturnType<typeof apiClient>;
type Body = {
  session?: { id: string; status: string };
  images?: { id: string; status: string; source?: string }[];
};

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One API call, retried while the service is unavailable (PostgreSQL restarting). */
async function call(fn: () => Promise<Response>): Promise<{ status: number; body: Body }> {
  for (let attempt = 0; ; attempt++) {
    try {
      const res = await fn();
      const text = await res.text();
      if (res.status < 500) return { status: res.status, body: JSON.parse(text || "null") ?? {} };
      if (attempt > 60) throw new Error(`HTTP ${res.status}: ${text.slice(0, 200)}`);
    } catch (err) {
      if (attempt > 60) throw err;
    }
    await sleep(1000);
  }
}

async function filesUnder(sessionId: string): Promise<string[]> {
  const keys: string[] = [];
  for await (const o of storage().list(`sessions/${sessionId}/`)) keys.push(o.key);
  return keys;
}

/** Purge jobs of these ads not yet finished (the second look starts 40 s after the delete). */
async function purgesPending(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const list = sql.join(
    ids.map((id) => sql`${id}`),
    sql`, `,
  );
  const [row] = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from pgboss.job where name = ${QUEUES.storagePurge}
      and data->>'sessionId' in (${list}) and state in ('created', 'retry', 'active')`,
  );
  return row?.n ?? 0;
}

async function recordedLeft(ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const list = sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const [row] = await db().execute<{ n: number }>(
    sql`select count(*)::int as n from storage_deletions where session_id in (${list})`,
  );
  return row?.n ?? 0;
}

export function startDeletingAds(opts: {
  apis: Api[];
  random: () => number;
  say: (msg: string) => void;
  /** True while workers are being killed (the summary says how many deletes fell in it). */
  killing?: () => boolean;
  count?: number;
}) {
  const { random, say } = opts;
  const count = opts.count ?? 5;
  const deleted: {
    id: string;
    at: number;
    emptyAfterMs?: number;
    filesAtDelete: number;
    duringKills: boolean;
  }[] = [];

  /** Polls until `ready` or `ms` pass. */
  async function until(ready: () => Promise<boolean>, ms: number): Promise<void> {
    for (const end = Date.now() + ms; Date.now() < end && !(await ready()); ) await sleep(250);
  }

  async function oneAd(i: number): Promise<void> {
    const api = opts.apis[i % opts.apis.length];
    const created = await call(() =>
      api.post("/api/sessions", { productPrompt: `travel mug to delete no. ${i}`, numImages: 4 }),
    );
    const id = created.body.session?.id;
    if (!id) throw new Error(`could not create ad ${i}`);
    await call(() => api.post(`/api/sessions/${id}/generate-images`, {}));
    if (i === count - 1) {
      // Mid-clips: the images, two approved, the clips started, one clip stored.
      await until(async () => {
        const { body } = await call(() => api.get(`/api/sessions/${id}`));
        return body.session?.status === "reviewing_images" || body.session?.status === "failed";
      }, 300_000);
      const { body } = await call(() => api.get(`/api/sessions/${id}`));
      const chosen = (body.images ?? [])
        .filter((a) => a.status === "completed" && a.source !== "user-upload")
        .slice(0, 2)
        .map((a) => a.id);
      await call(() => api.put(`/api/sessions/${id}/approved-images`, { assetIds: chosen }));
      await call(() =>
        api.post(`/api/sessions/${id}/generate-clips`, {
          videoPrompt: "a slow turn",
          clipDurationSeconds: 2,
        }),
      );
      await until(async () => (await filesUnder(id)).some((k) => k.endsWith(".mp4")), 120_000);
    } else if (i < 3) {
      // While workers are being killed: a random moment of it, whatever is stored by then
      // (on a loaded machine the kills can end before the first image is stored).
      await sleep(5000 + random() * 30_000);
      await until(
        async () => !(opts.killing?.() ?? false) || (await filesUnder(id)).length > 0,
        20_000,
      );
    } else {
      // Mid-images: some images stored, the others being made.
      await until(async () => (await filesUnder(id)).length >= 2, 300_000);
    }
    await sleep(random() * 2000);
    const duringKills = opts.killing?.() ?? false;
    const filesAtDelete = (await filesUnder(id)).length;
    const res = await call(() => api.delete(`/api/sessions/${id}`));
    // 404: a retried DELETE whose first try went through while PostgreSQL was restarting.
    if (res.status !== 204 && res.status !== 404)
      throw new Error(`DELETE of ad ${i} answered ${res.status}`);
    const entry = {
      id,
      at: Date.now(),
      filesAtDelete,
      duringKills,
      emptyAfterMs: undefined as number | undefined,
    };
    deleted.push(entry);
    say(
      `deleted ad ${id.slice(0, 8)} with ${filesAtDelete} files stored${duringKills ? ", workers being killed" : ""}`,
    );
    for (let t = 0; t < 600; t++) {
      if ((await filesUnder(id)).length === 0 && (await recordedLeft([id])) === 0) {
        entry.emptyAfterMs = Date.now() - entry.at;
        return;
      }
      await sleep(250);
    }
  }

  const done = (async () => {
    await Promise.all(
      Array.from({ length: count }, (_, i) =>
        sleep(i * 500)
          .then(() => oneAd(i))
          .catch((err) => say(`deletion scenario, ad ${i}: ${(err as Error).message}`)),
      ),
    );
    // The second look at each folder, 40 s after its delete, must have run too.
    const ids = deleted.map((d) => d.id);
    for (let t = 0; t < 720 && (await purgesPending(ids)) > 0; t++) await sleep(250);
  })();

  /** After the workers stopped: the verdict, as lines for the summary and a count of reds. */
  async function check(): Promise<{ lines: string[]; red: number }> {
    const ids = deleted.map((d) => d.id);
    let left = 0;
    for (const id of ids) {
      const keys = await filesUnder(id);
      left += keys.length;
      for (const k of keys) say(`file of deleted ad left: ${k}`);
    }
    const rowsLeft = await recordedLeft(ids);
    const pending = await purgesPending(ids);
    const store = storage();
    const found = await sweepStorage({ store, graceMinutes: 0 });
    for (const o of found.orphans) say(`orphan removed by the sweep: ${o.key} (${o.reason})`);
    const again = await sweepStorage({ store, graceMinutes: 0, dryRun: true });
    const times = deleted.flatMap((d) => (d.emptyAfterMs === undefined ? [] : [d.emptyAfterMs]));
    const slow = deleted.filter((d) => d.emptyAfterMs === undefined || d.emptyAfterMs > 60_000);
    const red =
      (deleted.length === count ? 0 : 1) +
      left +
      rowsLeft +
      pending +
      found.missing.length +
      again.orphans.length +
      again.missing.length;
    return {
      red,
      lines: [
        `ads deleted mid-work            ${deleted.length} of ${count}   (must be ${count}), ${deleted.filter((d) => d.duringKills).length} while workers were being killed; ${deleted.reduce((n, d) => n + d.filesAtDelete, 0)} files stored when deleted`,
        `  folder empty after            max ${times.length ? (Math.max(...times) / 1000).toFixed(1) : "-"} s; ${slow.length} took over 60 s`,
        `  files of deleted ads left     ${left}   (must be 0)`,
        `  deletions still recorded      ${rowsLeft}; purge jobs unfinished ${pending}   (must be 0)`,
        `storage sweep                   ${found.scanned} files: ${found.orphans.length} orphans removed (${found.orphans.filter((o) => o.reason === "deleted ad").length} of deleted ads), ${found.missing.length} missing   (must be 0)`,
        `  after the sweep               ${again.orphans.length} orphans, ${again.missing.length} missing   (must be 0)`,
      ],
    };
  }

  return { done, check };
}
