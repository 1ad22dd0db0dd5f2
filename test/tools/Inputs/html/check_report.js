// Drives vibeguard's HTML report in headless Chromium and prints what a reviewer sees,
// for FileCheck. Fails (exit 1) on any script error, dialog, CSP violation or markup
// that came from scanned text.
//   node check_report.js REPORT.html DOWNLOAD_DIR
"use strict";
const { chromium } = require("playwright-core");
const path = require("path");

async function main() {
  const [report, downloads] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const problems = [];
  try {
    const page = await (await browser.newContext({ acceptDownloads: true })).newPage();
    page.on("dialog", d => { problems.push("dialog: " + d.message()); d.dismiss(); });
    page.on("pageerror", e => problems.push("script error: " + e.message));
    page.on("console", m => { if (m.type() === "error") problems.push("console error: " + m.text()); });
    page.on("request", r => { if (!r.url().startsWith("file:") && !r.url().startsWith("blob:")) problems.push("network: " + r.url()); });
    await page.goto("file://" + path.resolve(report));
    const data = await page.evaluate(() => JSON.parse(document.getElementById("vibeguard-data").textContent));

    console.log("summary: " + await page.textContent("#summary"));
    // Controls view: one row per control with evidence, counts of open findings.
    const rows = await page.$$eval("#view-controls tr[data-control]", trs =>
      trs.map(tr => [...tr.children].map(td => td.textContent)));
    for (const r of rows) console.log(`control: ${r[0]} | ${r[1]} | open ${r[3]} | triaged ${r[4]}`);
    for (const t of await page.$$eval("#view-controls .summary-table", bs => bs.map(b => b.querySelector("h3").textContent + ": " +
        [...b.querySelectorAll("tr")].map(tr => tr.children[0].textContent + " " + tr.children[1].textContent).join("; "))))
      console.log(t);
    console.log("snippets shown: " + (await page.$$eval("#findings tbody tr", trs => trs.map(tr => tr.children[2].textContent + (tr.querySelector(".snippet") ? " yes" : " no")))).join(", "));
    console.log("not evidenced: " + await page.textContent("#view-controls p"));

    // Scanned text is text: no element was made from it.
    console.log("img elements: " + await page.$$eval("img", e => e.length));
    console.log("b elements: " + await page.$$eval("b", e => e.length));

    // A control's link opens the findings filtered to it.
    await page.click("#view-controls tr[data-control='A.8.28'] a");
    const visible = async () => page.$$eval("#findings tbody tr", trs => trs.length);
    const expected = data.findings.filter(f => f.controls.includes("A.8.28")).length;
    console.log(`A.8.28 filter: ${await visible()} rows, expected ${expected}, findings view shown: ${await page.isVisible("#view-findings")}`);

    // Filters combine.
    await page.selectOption("#f-control", "");
    await page.selectOption("#f-severity", "high");
    const sev = await page.$$eval("#findings tbody tr td:first-child", tds => [...new Set(tds.map(t => t.textContent))]);
    console.log(`high filter: ${await visible()} rows, severities ${sev.join(",")}, expected ${data.findings.filter(f => f.severity === "high").length}`);
    await page.selectOption("#f-severity", "");

    // Sorting by location.
    await page.click("th[data-sort='file']");
    const locs = await page.$$eval("#findings tbody tr td:nth-child(4)", tds => tds.map(t => t.textContent));
    const sorted = [...locs].sort((a, b) => { const [fa, la] = [a.replace(/:\d+$/, ""), +a.match(/\d+$/)[0]], [fb, lb] = [b.replace(/:\d+$/, ""), +b.match(/\d+$/)[0]]; return fa < fb ? -1 : fa > fb ? 1 : la - lb; });
    console.log("sorted by location: " + (JSON.stringify(locs) === JSON.stringify(sorted)));

    // The hostile finding: shown as text, its trace expands.
    await page.fill("#f-search", "onerror");
    console.log(`search 'onerror': ${await visible()} rows`);
    const row = "#findings tbody tr";
    console.log("message: " + (await page.textContent(`${row} .message`)).replace(/\u2028/g, "<U+2028>"));
    console.log("location: " + await page.textContent(`${row} td:nth-child(4)`));
    console.log("snippet: " + await page.textContent(`${row} .snippet`));
    console.log("trace hidden before click: " + await page.isHidden(`${row} .trace`));
    await page.click(`${row} .trace-button`);
    for (const step of await page.$$eval(`${row} .trace div`, ds => ds.map(d => d.textContent)))
      console.log("trace: " + step);

    // Review it and export the decision as triage YAML.
    await page.selectOption(`${row} .review-state`, "false-positive");
    await page.fill(`${row} .review-justification`, 'input is a constant "admin" command');
    await page.fill(`${row} .review-owner`, "sec-team");
    await page.locator(`${row} .review-owner`).dispatchEvent("change");
    await page.locator(`${row} .review-justification`).dispatchEvent("change");
    console.log("state after review: " + await page.textContent(`${row} .state`).catch(() => "?"));
    // Sorting rebuilds the rows: the decision stays, shown in the form.
    await page.click("th[data-sort='rule']");
    console.log(`after sort: ${await page.inputValue(`${row} .review-state`)}, ${await page.inputValue(`${row} .review-owner`)}; ${await page.textContent("#triage-count")}`);
    // An accepted risk without owner and expiry is refused at export, as vibeguard would.
    await page.selectOption(`${row} .review-state`, "accepted-risk");
    await page.click("#export-triage");
    console.log("export refused: " + await page.textContent("#triage-error"));
    await page.selectOption(`${row} .review-state`, "false-positive");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#export-triage")]);
    const out = path.join(downloads, download.suggestedFilename());
    await download.saveAs(out);
    console.log("exported: " + path.basename(out));

    // The suppressions view renders.
    await page.click("nav button[data-view='suppressions']");
    for (const t of await page.$$eval("#view-suppressions h3, #view-suppressions p", es => es.map(e => e.textContent)))
      console.log("suppressions view: " + t);
  } finally {
    await browser.close();
  }
  for (const p of problems) console.log("PROBLEM " + p);
  process.exit(problems.length ? 1 : 0);
}
main().catch(e => { console.log("FAILED " + e.message); process.exit(1); });
