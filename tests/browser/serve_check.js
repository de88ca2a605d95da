// Open a `deck serve` page in headless Chromium, wait for a text on the terminal stream, press a key,
// wait for another. Prints one JSON line: {"ok": bool, "seen": [...], "error": "..."}.
//   node serve_check.js URL FIRST_TEXT KEY SECOND_TEXT
// The terminal draws on a canvas, so the texts are looked for in what the server streams to the page
// over its websocket: what the real browser receives and renders.
const { chromium } = require("playwright-core");

const [url, first, key, second] = process.argv.slice(2);
const TIMEOUT_MS = 30000;

async function waitFor(getText, text) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (getText().includes(text)) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return false;
}

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const seen = [];
  let stream = "";
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on("websocket", (ws) => {
      ws.on("framereceived", (frame) => {
        stream += typeof frame.payload === "string" ? frame.payload : Buffer.from(frame.payload).toString("utf8");
      });
    });
    await page.goto(url);
    if (!(await waitFor(() => stream, first))) throw new Error(`never showed ${JSON.stringify(first)}`);
    seen.push(first);
    const before = stream.length;
    await page.locator(".xterm-helper-textarea").focus();  // the terminal's own input
    await page.keyboard.press(key);
    if (!(await waitFor(() => stream.slice(before), second))) throw new Error(`after ${key}, never showed ${JSON.stringify(second)}`);
    seen.push(second);
    if (process.env.SCREENSHOT) await page.screenshot({ path: process.env.SCREENSHOT });
    console.log(JSON.stringify({ ok: true, seen }));
  } catch (error) {
    console.log(JSON.stringify({ ok: false, seen, error: String(error) }));
  } finally {
    await browser.close();
  }
})();
