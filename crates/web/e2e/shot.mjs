// Screenshot helper for looking at pages by hand: node shot.mjs URL OUT.png [x y w h] [width]
import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
const [url, out, x, y, w, h, vw] = process.argv.slice(2);
const ctx = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "jikenbo-shot-")), {
  executablePath: "/usr/bin/chromium", headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  viewport: { width: parseInt(vw || "1440"), height: 1000 }, locale: "ja-JP",
});
const page = ctx.pages()[0] || await ctx.newPage();
await page.goto(url);
const clip = x ? { x: +x, y: +y, width: +w, height: +h } : undefined;
await page.screenshot({ path: out, fullPage: !clip, clip });
await ctx.close();
