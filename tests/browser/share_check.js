// A viewer of `deck share` in headless Chromium, driven line by line from standard input.
//   node share_check.js URL
// Prints one JSON line each time what the page shows changes: {"index", "step", "blank", "following",
// "live"}, read from the page itself (the slide shown, the body's classes and data). Commands on stdin:
//   press KEY      a key pressed on the page (the viewer browsing on their own, or F to follow again)
//   reload         the viewer reloads the page
//   quit
const { chromium } = require("playwright-core");
const readline = require("readline");

const [url] = process.argv.slice(2);

(async () => {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
           "--disable-component-update", "--disable-sync"],
  });
  const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  const requests = [];
  page.on("request", (request) => requests.push(request.url()));
  await page.goto(url);
  let last = "";
  let stopped = false;
  const poll = async () => {
    while (!stopped) {
      try {
        const state = await page.evaluate(() => ({
          index: parseInt(document.body.dataset.index || "-1", 10),
          step: parseInt(document.body.dataset.step || "-1", 10),
          blank: document.body.classList.contains("blanked"),
          following: document.body.dataset.following === "1",
          live: document.body.dataset.live === "1",
          foreign: [],
        }));
        const line = JSON.stringify(state);
        if (line !== last) { last = line; console.log(line); }
      } catch (err) { /* between a reload's pages */ }
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const polling = poll();
  const input = readline.createInterface({ input: process.stdin });
  for await (const command of input) {
    const [verb, argument] = command.trim().split(/\s+/, 2);
    if (verb === "press") await page.keyboard.press(argument);
    else if (verb === "reload") await page.reload();
    else if (verb === "quit") break;
  }
  stopped = true;
  await polling;
  const origin = new URL(url).origin;
  console.log(JSON.stringify({ requests: requests.filter((r) => !r.startsWith(origin)) }));
  await browser.close();
  process.exit(0);  // stdin stays open: leave now
})().catch((err) => { console.log(JSON.stringify({ error: String(err) })); process.exit(1); });
