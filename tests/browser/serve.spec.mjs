// End-to-end: `jixiao serve` driven in headless Chromium the way a finance officer uses it.
// Run by tests/serve_browser.rs, which starts the server and passes, as JSON in argv[2]:
//   { url, seed, corrected, broken, erroneous, shots, downloads }
// Every step asserts what the page shows; a failed step exits 1 with what it saw. Screenshots
// go to `shots` (1366×768, an office screen) for a person to look at.
import { chromium } from "playwright-core";
import assert from "node:assert/strict";
import path from "node:path";
import { readFileSync } from "node:fs";

const cfg = JSON.parse(process.argv[2]);
const shot = (page, name, fullPage = false) => page.screenshot({ path: path.join(cfg.shots, `${name}.png`), fullPage });
const started = Date.now();
const step = (what) => console.log(`step (${((Date.now() - started) / 1000).toFixed(1)} s): ${what}`);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--disable-quic"],
});
const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true, locale: "zh-CN" });
const page = await context.newPage();
const consoleErrors = [];
page.on("console", (m) => { if (m.type() === "error") consoleErrors.push(m.text()); });
page.on("pageerror", (e) => consoleErrors.push(String(e)));
const failedResponses = [];
page.on("response", (r) => { if (r.status() >= 400) failedResponses.push(`${r.status()} ${new URL(r.url()).pathname}`); });

try {
  step("the upload page: labelled controls, keyboard first stop is the skip link");
  await page.goto(cfg.url);
  assert.equal(await page.title(), "上传工作簿 · jixiao 绩效自评表");
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "跳到正文");
  assert.equal(await page.getByLabel("工作簿文件").count(), 1);
  await shot(page, "1-upload");

  step("upload the seed: four tables, and the 公开12表-3 / 公开12表-2 duplicate warning");
  await page.getByLabel("工作簿文件").setInputFiles(cfg.seed);
  await Promise.all([page.waitForURL(/\/jobs\/[0-9a-f]{32}$/), page.getByRole("button", { name: "上传并检查" }).click()]);
  const jobUrl = page.url();
  const numbers = await page.locator("table.list tbody th").allTextContents();
  assert.deepEqual(numbers, ["公开12表-1", "公开12表-2", "公开12表-3", "公开12表-4"]);
  const dup = page.locator("li.finding.warning", { hasText: "duplicate-indicators" });
  assert.equal(await dup.count(), 1);
  const dupText = await dup.textContent();
  assert.match(dupText, /公开12表-2/);
  assert.match(dupText, /逐字相同/, "the finding is worded in Chinese");
  const group = await dup.evaluate((li) => li.closest("ul").previousElementSibling.textContent);
  assert.match(group, /^公开12表-3 /);
  await shot(page, "2-findings");
  await shot(page, "2-findings-full", true);

  step("follow a finding to its highlighted cell");
  const link = page.locator("li.finding a", { hasText: /!G14$/ }).first();
  await Promise.all([page.waitForURL(/\/sheets\/0\?cell=G14#G14$/), link.click()]);
  const hit = page.locator("td.hit");
  assert.equal(await hit.count(), 1);
  assert.equal(await hit.getAttribute("id"), "G14");
  assert.equal(await hit.textContent(), "12");
  assert.ok(await hit.isVisible());
  const current = page.locator("li.finding.current");
  assert.equal(await current.count(), 1);
  assert.match(await current.textContent(), /over-achievement/);
  await shot(page, "3-cell");

  step("the printed pages: the PNG preview is drawn and the HTML version opens");
  const img = page.locator("#preview img").first();
  await img.scrollIntoViewIfNeeded();
  await page.waitForFunction(() => { const i = document.querySelector("#preview img"); return i && i.complete && i.naturalWidth > 0; });
  assert.equal(await img.evaluate((i) => i.naturalWidth), 893);
  await shot(page, "4-preview");
  await Promise.all([page.waitForURL(/\/tables\/0\/print$/), page.getByRole("link", { name: "网页版" }).click()]);
  assert.match(await page.locator("body").textContent(), /计算机技术与软件专业资格考试专项资金/);
  await shot(page, "5-print");

  step("build and download the packet as one zip");
  await page.goto(jobUrl);
  await Promise.all([page.waitForURL(/#download$/), page.getByRole("button", { name: "生成公开文件" }).click()]);
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /下载全部/ }).click()]);
  assert.match(download.suggestedFilename(), /公开文件\.zip$/);
  await download.saveAs(path.join(cfg.downloads, "seed.zip"));
  const files = await page.locator("ul.files a").allTextContents();
  for (const f of ["packet.pdf", "packet.html", "packet.xlsx"]) assert.ok(files.includes(f), `${f} listed`);
  await shot(page, "6-download");

  step("a corrected workbook against the packet just built: the changes, then 更正说明");
  await page.getByLabel(/上传更正后的工作簿/).setInputFiles(cfg.corrected);
  await Promise.all([page.waitForURL(/\/jobs\/[0-9a-f]{32}$/), page.getByRole("button", { name: "上传并比较" }).click()]);
  assert.notEqual(page.url(), jobUrl);
  const diff = page.locator("table.diff");
  assert.ok((await diff.count()) >= 1, "a table of changes");
  assert.match(await diff.first().textContent(), /电子政务公共应用系统运维（更正）/);
  await shot(page, "7-correction");
  await Promise.all([page.waitForURL(/#download$/), page.getByRole("button", { name: "生成公开文件" }).click()]);
  const corrected = await page.locator("ul.files a").allTextContents();
  assert.ok(corrected.includes("更正说明.pdf"), `更正说明.pdf in ${corrected}`);

  step("a workbook with errors: no build until the user confirms");
  await page.goto(cfg.url);
  await page.getByLabel("工作簿文件").setInputFiles(cfg.erroneous);
  await Promise.all([page.waitForURL(/\/jobs\/[0-9a-f]{32}$/), page.getByRole("button", { name: "上传并检查" }).click()]);
  const errUrl = page.url();
  assert.ok((await page.locator("li.finding.error").count()) >= 1);
  await page.getByRole("button", { name: "生成公开文件" }).click();
  await page.waitForTimeout(300);
  assert.equal(page.url(), errUrl, "the form is not sent without the confirmation");
  await page.getByLabel(/仍然生成/).check();
  await Promise.all([page.waitForURL(/#download$/), page.getByRole("button", { name: "生成公开文件" }).click()]);
  await shot(page, "8-forced");

  step("a workbook dropped on the upload box (the one script's drop handling)");
  await page.goto(cfg.url);
  const dropped = await page.evaluateHandle((b64) => {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const dt = new DataTransfer();
    dt.items.add(new File([bytes], "dropped.xlsx"));
    return dt;
  }, readFileSync(cfg.seed).toString("base64"));
  await page.dispatchEvent("form[action='/upload'] [data-drop]", "drop", { dataTransfer: dropped });
  assert.equal(await page.locator("#workbook").evaluate((i) => i.files.length), 1);
  await Promise.all([page.waitForURL(/\/jobs\/[0-9a-f]{32}$/), page.getByRole("button", { name: "上传并检查" }).click()]);
  assert.equal(await page.locator("h1").textContent(), "dropped.xlsx");

  step("review many units: workbooks and a zip chosen at once; the summary, findings across units, sample and charts; review.zip");
  await page.goto(cfg.url);
  await Promise.all([page.waitForURL(/\/review$/), page.getByRole("link", { name: /汇总审核多个单位/ }).click()]);
  assert.equal(await page.title(), "汇总审核多个单位 · jixiao 绩效自评表");
  await page.getByLabel("各单位的工作簿或 zip 压缩包").setInputFiles([...cfg.batch, cfg.batchZip]);
  await page.getByLabel("抽查数（可选）").fill("5");
  await page.getByLabel("通报落款单位（可选）").fill("示范县财政局");
  await shot(page, "10-review-upload");
  await Promise.all([page.waitForURL(/\/reviews\/[0-9a-f]{32}$/), page.getByRole("button", { name: "上传并审核" }).click()]);
  assert.equal(await page.locator("h1").textContent(), "审核结果");
  assert.match(await page.getByRole("status").textContent(), /共 24 个单位、48 张表（0 份无法读取）/);
  assert.equal(await page.locator("section[aria-labelledby=summary] tbody tr").count(), 24);
  const across = await page.locator("section[aria-labelledby=across] li.finding code").allTextContents();
  assert.deepEqual(across, ["copied-across-units", "goals-copied-across-units", "goals-copied-across-units",
    "inconsistent-standard", "department-high-scores"]);
  assert.equal(await page.locator("section[aria-labelledby=sample] tbody tr").count(), 5);
  assert.equal(await page.locator("section[aria-labelledby=stats] svg").count(), 3);
  await shot(page, "11-review");
  await shot(page, "11-review-full", true);
  const [reviewZip] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /review\.zip/ }).click()]);
  await reviewZip.saveAs(path.join(cfg.downloads, "review.zip"));
  const circularHref = await page.getByRole("link", { name: "通报.pdf" }).getAttribute("href");
  const circular = await page.request.get(new URL(circularHref, page.url()).href);
  assert.equal(circular.headers()["content-type"], "application/pdf");

  step("a file that is not a workbook: the error page");
  await page.goto(cfg.url);
  await page.getByLabel("工作簿文件").setInputFiles(cfg.broken);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith("/upload")),
    page.getByRole("button", { name: "上传并检查" }).click(),
  ]);
  assert.equal(response.status(), 415);
  await page.waitForLoadState();
  assert.equal(await page.locator("h1").textContent(), "这不是工作簿");
  assert.equal(await page.getByRole("alert").count(), 1);
  await shot(page, "9-error");

  // The one failed request is the refused upload; nothing else (a style, script, image or icon
  // the CSP blocked, a script error) went wrong on any page.
  assert.deepEqual(failedResponses, ["415 /upload"]);
  assert.deepEqual(consoleErrors.filter((e) => !/status of 415/.test(e)), [], "no errors in the browser console");
  console.log(`ok: all steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
} catch (e) {
  console.error(`failed on ${page.url()}:`, e);
  await shot(page, "failed", true).catch(() => {});
  process.exitCode = 1;
} finally {
  await browser.close();
}
