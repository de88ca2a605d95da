// Measure a reveal.js page in headless Chromium at 1280x720: each slide shown in turn, which run past the
// bottom of their content box (the slide less its padding), which images do not load, each slide's type
// size and the largest of the fitting sizes at which it would fit, any dialog a script opened, and any
// request that is not the page itself or data inside it. Prints one JSON line:
// {"ready": true, "count": N, "bad": [[slide, bottom, limit], ...], "sizes": [[slide, px, best], ...],
//  "brokenImages": [...], "images": N, "dialogs": [...], "requests": [...], "notes": N, "fragments": N}
//   node reveal_check.js FILE.html [SCREENSHOT_PREFIX]
// or, to press S and read reveal.js's speaker view (a window of its own): {"speakerNotes": "..."}
//   node reveal_check.js FILE.html --speaker
const { chromium } = require("playwright-core");

(async () => {
  const [file, shots] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const dialogs = [];
    const requests = [];
    page.on("dialog", async (dialog) => { dialogs.push(dialog.message()); await dialog.dismiss(); });
    page.on("request", (request) => { const url = request.url(); if (!url.startsWith("data:") && url !== "file://" + file) requests.push(url); });
    await page.goto("file://" + file);
    await page.waitForFunction(() => window.Reveal && Reveal.isReady(), null, { timeout: 30000 });
    if (shots === "--speaker") {
      const [popup] = await Promise.all([page.context().waitForEvent("page"), page.keyboard.press("s")]);
      await popup.waitForFunction(() => document.querySelector(".speaker-controls-notes .value")?.innerText.trim().length > 0, null, { timeout: 30000 });
      console.log(JSON.stringify({ ready: true, dialogs, requests, speakerNotes: await popup.evaluate(() => document.querySelector(".speaker-controls-notes .value").innerText) }));
      return;
    }
    await page.evaluate(() => Reveal.configure({ transition: "none", backgroundTransition: "none" }));  // a slide drawn at once
    const count = await page.evaluate(() => Reveal.getTotalSlides());
    const bad = [];
    const sizes = [];
    const drawings = [];
    for (let i = 0; i < count; i++) {
      await page.evaluate((n) => Reveal.slide(n), i);
      await page.waitForFunction((n) => Reveal.getIndices().h === n, i);
      const measured = await page.evaluate(() => {
        const s = Reveal.getCurrentSlide();
        const style = getComputedStyle(s);
        const limit = s.clientHeight - parseFloat(style.paddingBottom);
        const bottom = () => Math.max(0, ...Array.from(s.children).filter((el) => !el.matches("aside.notes")).map((el) => el.offsetTop + el.offsetHeight));
        const fits = () => bottom() <= limit + 1 && s.scrollHeight <= s.clientHeight + 1;
        const actual = parseFloat(style.fontSize);
        const result = { bottom: bottom(), limit, fits: fits(), actual };
        // a chart's or timeline's type (18 units in its 1000), as drawn on the slide, beside the words'
        const zoom = s.getBoundingClientRect().width / s.offsetWidth;  // reveal.js scales the slide to the window
        result.drawings = Array.from(s.querySelectorAll("svg.figure")).map((svg) => {
          const box = svg.getBoundingClientRect();
          const view = svg.viewBox.baseVal;  // drawn whole inside its box: the smaller of the two scales
          return Math.round((18 * Math.min(box.width / view.width, box.height / view.height)) / zoom * 10) / 10;
        });
        const before = s.style.fontSize;
        result.best = 0;
        for (const size of [26, 22, 19, 16, 14, 12]) {
          s.style.fontSize = size + "px";
          if (fits()) { result.best = size; break; }
        }
        s.style.fontSize = before;
        return result;
      });
      if (!measured.fits) bad.push([i + 1, Math.round(measured.bottom), Math.round(measured.limit)]);
      sizes.push([i + 1, measured.actual, measured.best, Math.round(measured.bottom - 40)]);
      measured.drawings.forEach((px) => drawings.push([i + 1, px, measured.actual]));
      if (shots) await page.screenshot({ path: `${shots}-${String(i + 1).padStart(2, "0")}.png` });
    }
    const rest = await page.evaluate(() => {
      const pictures = Array.from(document.querySelectorAll(".slides img"));
      return {
        brokenImages: pictures.filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.getAttribute("src").slice(0, 60)),
        images: pictures.length,
        notes: document.querySelectorAll(".slides aside.notes").length,
        fragments: document.querySelectorAll(".slides .fragment").length,
        fragmentItems: document.querySelectorAll(".slides li.fragment").length,
        centred: Array.from(Reveal.getSlides()).map((s, i) => (s.classList.contains("center") ? i + 1 : 0)).filter((n) => n),
      };
    });
    console.log(JSON.stringify({ ready: true, count, bad, sizes, drawings, dialogs, requests, ...rest }));
  } catch (error) {
    console.log(JSON.stringify({ error: String(error) }));
  } finally {
    await browser.close();
  }
})();
