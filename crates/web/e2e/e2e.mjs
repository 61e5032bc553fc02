// Browser tests of the Jikenbo web UI: headless Chromium (Debian's /usr/bin/chromium) driven by
// playwright-core. Usage: node e2e.mjs BASE_URL SCREENSHOT_DIR
// Each test is a function of the page; a failure is reported and the run goes on. The last line
// is "N passed, M failed"; the exit status is 1 when anything failed.

import { chromium } from "playwright-core";
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, readFileSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const base = (process.argv[2] || "http://127.0.0.1:8080").replace(/\/$/, "");
const shots = process.argv[3] || "target/screenshots";
mkdirSync(shots, { recursive: true });
const profile = mkdtempSync(join(tmpdir(), "jikenbo-chromium-"));

// A fresh profile directory (--user-data-dir) for every run.
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
  viewport: { width: 1440, height: 1000 },
  locale: "ja-JP",
});
const page = context.pages()[0] || await context.newPage();
const consoleErrors = [];
page.on("console", (m) => {
  // The deliberate 404 of the error-page test is not a script error.
  if (m.type() === "error" && !(m.location().url || "").includes("/incidents/2099-999")) consoleErrors.push(m.text());
});
page.on("pageerror", (e) => consoleErrors.push(String(e)));

function assert(cond, msg) { if (!cond) throw new Error(msg); }
async function shot(name, full = true) {
  await page.screenshot({ path: join(shots, `${name}.png`), fullPage: full });
}

let passed = 0, failed = 0;
async function test(name, fn) {
  const t0 = Date.now();
  try {
    await fn();
    passed++;
    console.log(`ok   ${name} (${Date.now() - t0} ms)`);
  } catch (e) {
    failed++;
    console.log(`FAIL ${name}: ${e.message.split("\n")[0]}`);
    try { await shot(`FAILED-${name.replace(/[^a-z0-9]+/gi, "-")}`); } catch {}
  }
}

let incidentUrl = null;

await test("casebook lists incidents with facets", async () => {
  const r = await page.goto(`${base}/`);
  assert(r.status() === 200, `status ${r.status()}`);
  assert((await page.title()).includes("事例一覧"), "title");
  const rows = await page.locator("table.list tbody tr").count();
  assert(rows >= 10, `only ${rows} rows`);
  assert(await page.locator("aside.facets h3", { hasText: "原因" }).count() === 1, "cause facet");
  for (const h of ["番号", "組織", "件名", "日付", "人数", "原因"]) {
    assert(await page.locator("table.list thead th", { hasText: h }).count() >= 1, `column ${h}`);
  }
  await shot("01-casebook");
});

await test("search box finds ransomware incidents", async () => {
  await page.goto(`${base}/`);
  await page.fill("form.search input[name=q]", "ランサムウェア");
  await Promise.all([page.waitForNavigation(), page.click("form.search button[type=submit]")]);
  assert(page.url().includes("q="), "query in URL");
  const rows = await page.locator("table.list tbody tr").count();
  assert(rows >= 1, "no result");
  const causes = await page.locator("table.list td.cause").allTextContents();
  assert(causes.some((c) => c.includes("ランサムウェア")), `causes: ${causes}`);
  await shot("02-search");
});

await test("facet filter and sort by persons", async () => {
  await page.goto(`${base}/`);
  const link = page.locator('aside.facets a[data-facet="cause"][data-value="misdelivery"]');
  await Promise.all([page.waitForNavigation(), link.click()]);
  assert(page.url().includes("cause=misdelivery"), page.url());
  const causes = await page.locator("table.list td.cause").allTextContents();
  assert(causes.length > 0 && causes.every((c) => c.includes("誤送信")), `causes: ${causes}`);
  await page.goto(`${base}/?sort=affected`);
  const persons = (await page.locator("table.list td.persons").allTextContents())
    .map((t) => parseInt(t.replace(/[^0-9]/g, ""), 10)).filter((n) => !isNaN(n));
  for (let i = 1; i < persons.length; i++) assert(persons[i - 1] >= persons[i], `not sorted: ${persons}`);
});

await test("open an incident and see highlighted evidence", async () => {
  await page.goto(`${base}/?cause=ransomware&q=${encodeURIComponent("病院")}`);
  const first = page.locator("table.list td.num a").first();
  await Promise.all([page.waitForNavigation(), first.click()]);
  incidentUrl = page.url().split("?")[0].split("#")[0];
  assert(/\/incidents\/\d{4}-\d+/.test(incidentUrl), incidentUrl);
  const marks = page.locator("article.doc pre.section mark.ev.cur");
  const n = await marks.count();
  assert(n >= 3, `only ${n} evidence marks`);
  assert(await marks.first().isVisible(), "evidence not visible");
  // The cause's evidence link scrolls to its mark and flashes it.
  const link = page.locator("#field-cause a.evlink").first();
  assert(await link.count() === 1, "no evidence link for the cause");
  await link.click();
  const anchor = await link.getAttribute("data-anchor");
  assert(anchor && anchor.startsWith("ev-"), `anchor ${anchor}`);
  await page.locator("article.doc mark.flash").first().waitFor({ timeout: 3000 });
  assert(await page.locator("section.assessment .verdict").count() === 1, "assessment");
  assert((await page.locator("section.assessment").textContent()).includes("条"), "articles cited");
  await shot("03-incident");
  await shot("03-incident-top", false);
});

await test("correct a field and see it kept", async () => {
  assert(incidentUrl, "no incident opened");
  await page.goto(incidentUrl);
  await page.fill("#edit-affected", "4321");
  await page.fill("#edit-note", "第2報で人数が確定したため");
  await Promise.all([page.waitForNavigation(), page.click("form.edit button.primary")]);
  assert((await page.locator(".flash").first().textContent()).includes("保存しました"), "no saved message");
  const value = await page.locator("#field-affected td.value").textContent();
  assert(value.includes("4,321"), `value ${value}`);
  assert((await page.locator("#field-affected .src.override").count()) === 1, "not marked as a correction");
  await page.reload();
  assert((await page.locator("#field-affected td.value").textContent()).includes("4,321"), "not kept after reload");
  assert((await page.locator("section.history").textContent()).includes("第2報で人数が確定したため"), "note in history");
  // The casebook shows the corrected value too.
  await page.goto(`${base}/?sort=affected&q=${encodeURIComponent("")}`);
  const all = await page.locator("table.list td.persons").allTextContents();
  assert(all.some((t) => t.includes("4,321")), "casebook does not show the correction");
  await page.goto(incidentUrl + "#edit");
  await shot("04-corrected");
});

await test("add a label", async () => {
  await page.goto(incidentUrl);
  await page.fill(".add-label input[name=label]", "要フォロー");
  await Promise.all([page.waitForNavigation(), page.click(".add-label button")]);
  assert((await page.locator(".labels-panel .chip.user").allTextContents()).some((t) => t.includes("要フォロー")), "label not shown");
});

await test("upload a notice, correct and save", async () => {
  const dir = mkdtempSync(join(tmpdir(), "jikenbo-notice-"));
  const file = join(dir, "e2e_notice.txt");
  writeFileSync(file, [
    "令和7年7月1日",
    "ひまわり信用金庫",
    "",
    "お客さま情報を含む書類の紛失について",
    "",
    "令和7年6月27日、当金庫の職員が、お客さま42名の氏名、住所及び口座番号が記載された書類を外出先で紛失したことが判明しました。",
    "現時点で不正利用の事実は確認されておりません。警察に遺失届を提出しております。",
    "",
  ].join("\n"));
  await page.goto(`${base}/new`);
  await page.setInputFiles("#new-file", file);
  await Promise.all([page.waitForNavigation(), page.click("form.new-notice button.primary")]);
  assert((await page.locator("h1").textContent()).includes("抽出結果"), "no preview");
  const marks = await page.locator(".preview-grid mark.ev").count();
  assert(marks >= 3, `only ${marks} marks in the preview`);
  assert(await page.locator("fieldset.card").count() === 1, "one incident expected");
  const org = await page.inputValue('input[name="i0.organization"]');
  assert(org.includes("ひまわり"), `organization ${org}`);
  await shot("05-new-preview");
  await page.fill('input[name="i0.affected"]', "43");
  await page.fill("#save-note", "人数を訂正");
  await Promise.all([page.waitForNavigation(), page.click("form.save button.primary")]);
  assert(/\/incidents\//.test(page.url()), `not on the incident: ${page.url()}`);
  assert((await page.locator("#field-affected td.value").textContent()).includes("43"), "correction not applied");
  assert((await page.locator("#field-organization td.value").textContent()).includes("ひまわり"), "organization");
  await shot("06-new-saved");
  rmSync(dir, { recursive: true, force: true });
});

await test("a follow-up (第2報) is linked: both documents and the field history", async () => {
  await page.goto(`${base}/new`);
  await page.fill("#new-name", "midorigaoka_dai2ho.txt");
  await page.fill("#new-text", [
    "令和7年10月24日",
    "医療法人社団みどり会 みどりヶ丘総合病院",
    "",
    "ランサムウェア被害による患者様情報の漏えいについて(第2報)",
    "",
    "令和7年10月3日にお知らせしましたランサムウェア被害について、外部の専門事業者による調査が完了しましたのでご報告いたします。",
    "",
    "1．調査結果",
    "調査の結果、患者様12,480人分の個人情報が外部に流出したことを確認しました。",
    "流出した情報は、氏名、生年月日、性別、住所、電話番号、病名です。",
    "",
    "2．今後の対応",
    "対象となる患者様には順次書面にてご連絡しております。",
    "",
  ].join("\n"));
  await Promise.all([page.waitForNavigation(), page.click("form.new-notice button.primary")]);
  await Promise.all([page.waitForNavigation(), page.click("form.save button.primary")]);
  assert(/\/incidents\//.test(page.url()), page.url());
  const docs = await page.locator("article.doc").count();
  assert(docs === 2, `${docs} documents (the follow-up was not linked)`);
  const kinds = await page.locator("article.doc .kind").allTextContents();
  assert(kinds.some((k) => k.includes("第2報")), `kinds ${kinds}`);
  const hist = page.locator("section.history details", { hasText: "人数" });
  const rows = await hist.locator("tbody tr").count();
  assert(rows === 2, `${rows} history rows for 人数`);
  assert((await hist.textContent()).includes("12,480"), "the follow-up's count is in the history");
  // The curator's earlier correction of this incident stays in force over the new report.
  const v = await page.locator("#field-affected td.value").textContent();
  assert(v.includes("4,321") || v.includes("12,480"), `value ${v}`);
  await shot("08-followup");
  await shot("08-followup-top", false);
});

await test("paste a notice", async () => {
  await page.goto(`${base}/new`);
  await page.fill("#new-text", "令和7年8月5日\nかえで市\n\n市民税通知書の誤送付について\n\n令和7年8月1日、市民3名分の通知書を誤って別の市民に送付しました。氏名と住所が記載されていました。\n");
  await Promise.all([page.waitForNavigation(), page.click("form.new-notice button.primary")]);
  assert(await page.locator("fieldset.card").count() >= 1, "no incident extracted");
  await Promise.all([page.waitForNavigation(), page.click("form.save button.primary")]);
  assert(/\/(incidents|documents)\//.test(page.url()), page.url());
});

await test("statistics page shows SVG charts and tables", async () => {
  const r = await page.goto(`${base}/stats`);
  assert(r.status() === 200, `status ${r.status()}`);
  const charts = await page.locator("svg.chart").count();
  assert(charts >= 12, `only ${charts} charts`);
  const bars = await page.locator("svg.chart rect.bar").count();
  assert(bars >= 10, `only ${bars} bars`);
  for (const id of ["by-year", "by-month", "by-cause", "by-actor", "by-sector", "by-size"]) {
    assert(await page.locator(`#${id} svg.chart`).count() === 2, `charts of ${id}`);
  }
  assert(await page.locator("#by-cause table.stats tbody tr").count() >= 3, "cause table");
  await shot("07-stats");
  // A bar links to the casebook filtered by its group.
  await Promise.all([page.waitForNavigation(), page.locator("#by-cause svg a").first().click()]);
  assert(page.url().includes("cause="), page.url());
});

await test("audit log and error pages", async () => {
  await page.goto(`${base}/audit`);
  const rows = await page.locator("table.audit-log tbody tr").count();
  assert(rows >= 3, `audit rows ${rows}`);
  assert((await page.locator("table.audit-log").textContent()).includes("修正"), "the correction is audited");
  const r = await page.goto(`${base}/incidents/2099-999`);
  assert(r.status() === 404, `status ${r.status()}`);
  assert((await page.locator("h1").textContent()).includes("見つかりません"), "404 page");
});

await test("own case: create on the form, record the 速報, see it met and the 確報 countdown, open the .docx", async () => {
  // Days in Japan, as the server counts them: aware yesterday, the 速報 filed today.
  const day = (offset) => new Date(Date.now() + 9 * 3600e3 + offset * 86400e3).toISOString().slice(0, 10);
  const today = day(0);
  await page.goto(`${base}/`);
  await Promise.all([page.waitForNavigation(), page.click('header.top nav a[href="/cases"]')]);
  assert((await page.locator("h1").textContent()).includes("自組織の事案"), "cases page");
  await Promise.all([page.waitForNavigation(), page.click('a[href="/cases/new"]')]);
  await page.fill("#case-title", "顧客へのメール誤送信(E2E)");
  await page.fill("#case-organization", "株式会社ひなた商会");
  await page.selectOption("#fact-org_kind", "business");
  await page.fill("#fact-aware", day(-1));
  await page.fill("#fact-persons", "1,200");
  await page.selectOption("#fact-cause", "misdelivery");
  await Promise.all([page.waitForNavigation(), page.click("form.case-new button.primary")]);
  const caseUrl = page.url().split("#")[0];
  assert(/\/cases\/\d+$/.test(caseUrl), `not on the case: ${caseUrl}`);
  assert((await page.locator(".flash.changes").textContent()).includes("登録しました"), "no banner");
  const sokuho = page.locator("#deadline-sokuho .cd");
  assert(/残り\d+日|本日が期限/.test(await sokuho.textContent()), `速報: ${await sokuho.textContent()}`);
  assert((await page.locator("#row-persons .prov").textContent()).trim().length > 0, "who set the count");
  assert((await page.locator("#row-discovered_by .prov").textContent()).includes("未確認"), "unknown shown as 未確認");
  // Record the 速報.
  await page.fill("#event-date", today);
  await page.fill("#event-time", "10:00");
  await page.selectOption("#event-kind", "ppc_sokuho");
  await page.fill("#event-note", "報告フォームから送信");
  await Promise.all([page.waitForNavigation(), page.click("form.event-add button.primary")]);
  const met = await page.locator("#deadline-sokuho .cd").textContent();
  assert(met.startsWith("済") && met.includes("10時00分"), `速報 not met: ${met}`);
  assert(await page.locator("#deadline-sokuho .cd.met").count() === 1, "not marked met");
  const kakuho = await page.locator("#deadline-kakuho .cd").textContent();
  assert(/^残り\d+日$/.test(kakuho), `確報 countdown: ${kakuho}`);
  assert((await page.locator(".flash.changes").textContent()).includes("済になった"), "the banner says what changed");
  assert((await page.locator("section.case-timeline table").textContent()).includes("報告フォームから送信"), "timeline");
  await shot("09-case");
  // The 速報 draft as Word: a download with a Japanese name; its document.xml holds the nine items.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.click('tr[data-draft="ppc-private-sokuho"] a.docx'),
  ]);
  const name = download.suggestedFilename();
  assert(name.endsWith(".docx") && name.includes("漏えい等報告_速報"), `file name ${name}`);
  const dir = mkdtempSync(join(tmpdir(), "jikenbo-docx-"));
  const file = join(dir, name);
  await download.saveAs(file);
  assert(readFileSync(file).subarray(0, 2).toString() === "PK", "not a zip");
  const xml = execFileSync("unzip", ["-p", file, "word/document.xml"]).toString("utf8");
  const items = ["概要", "の項目", "本人の数", "原因", "二次被害又はそのおそれの有無及びその内容",
    "本人への対応の実施状況", "公表の実施状況", "再発防止のための措置", "その他参考となる事項"];
  for (const item of items) assert(xml.includes(item), `document.xml lacks ${item}`);
  assert(xml.includes("未確認"), "unknown facts written 未確認");
  rmSync(dir, { recursive: true, force: true });
  // The print view.
  await page.goto(caseUrl);
  await Promise.all([page.waitForNavigation(), page.click('tr[data-draft="ppc-private-sokuho"] a:has-text("印刷用表示")')]);
  assert(await page.locator("article.draft h2").count() >= 9, "print view headings");
  assert(await page.locator("button[data-print]").count() === 1, "print button");
  await page.emulateMedia({ media: "print" });
  assert(!(await page.locator("header.top").isVisible()), "the header is not printed");
  await shot("10-case-draft-print");
  await page.emulateMedia({ media: "screen" });
  // The list shows the case with its next deadline.
  await page.goto(`${base}/cases`);
  const row = page.locator("table.cases tbody tr", { hasText: "顧客へのメール誤送信(E2E)" });
  assert(await row.count() === 1, "case not listed");
  assert((await row.locator("td.next").textContent()).includes("確報"), "next deadline");
  await shot("11-cases");
});

await test("review queue: merge two candidates, split one back, see the audit entries", async () => {
  await page.goto(`${base}/review`);
  // The demo holds one incident twice (a notice and a news item of it).
  const pair = page.locator("table.pair").filter({ hasText: "#2024-003" }).filter({ hasText: "#2024-004" });
  assert(await pair.count() === 1, "the pair #2024-003 / #2024-004 is not proposed");
  assert((await pair.locator("ul.reasons").textContent()).includes("人数が一致"), "reasons shown");
  const flagged = page.locator("#flagged tbody tr");
  assert(await flagged.count() >= 1, "no flagged record");
  assert((await page.locator("#flagged").textContent()).includes("記録日より後の日付"), "the future date is flagged");
  await shot("12-review-queue");
  // 統合: the newer into the older.
  await Promise.all([page.waitForNavigation(), pair.locator('button[data-action="merge"]').click()]);
  assert((await page.locator(".flash").textContent()).includes("統合しました"), "merge message");
  assert(await page.locator("table.pair").filter({ hasText: "#2024-004" }).count() === 0, "the pair is still open");
  assert((await page.locator("#decided").textContent()).includes("統合"), "the decision is listed");
  // The merged incident holds both documents; split the one that came with the merge.
  await page.goto(`${base}/incidents/2024-003#curation`);
  const reports = page.locator("form.split input[name=report]");
  assert(await reports.count() === 2, `reports to split: ${await reports.count()}`);
  const moved = page.locator("form.split li", { hasText: "元は #2024-004" });
  assert(await moved.count() === 1, "the merged report says where it came from");
  await moved.locator("input[name=report]").check();
  await shot("13-incident-split");
  await Promise.all([page.waitForNavigation(), page.click("form.split button[type=submit]")]);
  assert(page.url().includes("/incidents/2024-004"), `split went to ${page.url()}`);
  assert((await page.locator(".flash").textContent()).includes("分割しました"), "split message");
  // Both actions are in the audit log, with who and what.
  await page.goto(`${base}/audit`);
  const log = await page.locator("main").textContent();
  assert(log.includes("統合") && log.includes("分割"), "merge and split are not in the audit log");
  assert(log.includes("2024-004"), "the audit names the incident");
  await shot("14-audit-curation");
  // The pair can be dismissed now that they are apart again, and reopened.
  await page.goto(`${base}/incidents/2024-004#curation`);
  const incidentAudit = await page.locator("#audit").textContent();
  assert(incidentAudit.includes("分割"), "the incident's own audit shows the split");
});

await test("no script errors", async () => {
  assert(consoleErrors.length === 0, consoleErrors.join(" | "));
});

await context.close();
rmSync(profile, { recursive: true, force: true });
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
