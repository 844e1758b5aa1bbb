// Load on `jixiao serve`: N clients at once, each the whole job a finance officer does
// (upload → findings page → build → zip download), with the zip checked. Usage:
//   node bench/serve-load.mjs URL WORKBOOK:COUNT [WORKBOOK:COUNT …]
// Prints one JSON line: every client's times (ms) and the p50/p95 per workbook and overall.
import { readFileSync } from "node:fs";
import { basename } from "node:path";

const [url, ...specs] = process.argv.slice(2);
const clients = specs.flatMap((s) => {
  const [file, n] = s.split(":");
  const bytes = readFileSync(file);
  return Array.from({ length: Number(n) }, () => ({ file, bytes }));
});

async function job({ file, bytes }) {
  const t0 = performance.now();
  const form = new FormData();
  form.append("workbook", new Blob([bytes]), basename(file));
  for (const f of ["pdf", "html", "xlsx"]) form.append("formats", f);
  const up = await fetch(`${url}/upload`, { method: "POST", body: form, redirect: "manual" });
  if (up.status !== 303) throw new Error(`upload: ${up.status} ${await up.text()}`);
  const at = up.headers.get("location");
  const page = await fetch(url + at);
  if (page.status !== 200 || !(await page.text()).includes("读出")) throw new Error(`job page: ${page.status}`);
  const t1 = performance.now();
  const built = await fetch(`${url}${at}/build`, {
    method: "POST", body: "force=1", redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  });
  if (built.status !== 303) throw new Error(`build: ${built.status} ${await built.text()}`);
  const zip = Buffer.from(await (await fetch(`${url}${at}/packet.zip`)).arrayBuffer());
  for (const f of ["packet.pdf", "packet.html", "packet.xlsx"]) {
    if (!zip.includes(Buffer.from(f))) throw new Error(`${f} missing from the zip`);
  }
  const t2 = performance.now();
  return { file: basename(file), check: t1 - t0, build: t2 - t1, total: t2 - t0, zip: zip.length };
}

const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]; };
const summary = (rs) => ({
  n: rs.length,
  p50: Math.round(pct(rs.map((r) => r.total), 50)),
  p95: Math.round(pct(rs.map((r) => r.total), 95)),
  check_p50: Math.round(pct(rs.map((r) => r.check), 50)),
  max: Math.round(Math.max(...rs.map((r) => r.total))),
});

const t0 = performance.now();
const results = await Promise.allSettled(clients.map(job));
const failed = results.filter((r) => r.status === "rejected").map((r) => String(r.reason));
const ok = results.filter((r) => r.status === "fulfilled").map((r) => r.value);
const byFile = {};
for (const r of ok) (byFile[r.file] ??= []).push(r);
console.log(JSON.stringify({
  wall_ms: Math.round(performance.now() - t0),
  failed,
  all: summary(ok),
  ...Object.fromEntries(Object.entries(byFile).map(([f, rs]) => [f, { ...summary(rs), zip_bytes: rs[0].zip }])),
}));
process.exitCode = failed.length ? 1 : 0;
