// Open a deck's HTML export in headless Chromium and report what a reader sees, as one JSON line:
//   node html_check.js FILE
// {count, afterKeys: [index, step]..., notesHiddenAtFirst, notesShownAfterN, overflow: {1280x720: [...], 1024x768: [...]}, requests: [...]}
const { chromium } = require("playwright-core");

(async () => {
  const [file] = process.argv.slice(2);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update"],
  });
  const out = { requests: [], overflow: {} };
  try {
    for (const [width, height] of [[1280, 720], [1024, 768]]) {
      const page = await browser.newPage({ viewport: { width, height } });
      page.on("request", (r) => { if (!r.url().startsWith("file://")) out.requests.push(r.url()); });
      await page.goto("file://" + file);
      out.count = await page.evaluate(() => document.querySelectorAll(".slide:not(.print-page)").length);
      const overflow = [];
      const scrolls = [];
      for (let i = 0; i < out.count; i++) {
        const bad = await page.evaluate((i) => {
          const slide = document.querySelectorAll(".slide:not(.print-page)")[i];
          document.querySelectorAll(".slide:not(.print-page)").forEach((s) => s.classList.toggle("current", s === slide));
          slide.querySelectorAll(".step").forEach((el) => el.classList.remove("hidden"));
          window.deckFit(slide);
          const c = slide.querySelector(".content");
          return [c.scrollHeight > c.clientHeight + 1 || c.scrollWidth > c.clientWidth + 1, getComputedStyle(c).overflowY === "auto"];
        }, i);
        if (bad[0] && !bad[1]) overflow.push(i + 1);  // cut off: too long, and nothing lets the reader reach the rest
        if (bad[0] && bad[1]) scrolls.push(i + 1);
      }
      out.overflow[`${width}x${height}`] = overflow;
      out.scrolls = out.scrolls || {};
      out.scrolls[`${width}x${height}`] = scrolls;
      // every image shows (decoded from its data URI), and the charts and timelines are there
      out.images = await page.evaluate(() => Array.from(document.images).map((img) => img.complete && img.naturalWidth > 0));
      out.figures = await page.evaluate(() => document.querySelectorAll("svg.figure").length);
      // an ordinary list in a body keeps its bullets; code is coloured (the distinct colours of its text)
      out.bodyListStyle = await page.evaluate(() => {
        const item = document.querySelector(".content ul:not(.points) li");
        return item ? getComputedStyle(item).listStyleType : null;
      });
      out.codeColours = await page.evaluate(() => {
        const code = document.querySelector("pre.code");
        if (!code) return 0;
        code.closest(".slide").classList.add("current");
        return new Set(Array.from(code.querySelectorAll("span")).map((s) => getComputedStyle(s).color)).size;
      });
      if (width === 1280) {
        // where each slide's pictures, points and columns are drawn: [left, top, right, bottom]
        out.boxes = [];
        for (let i = 0; i < out.count; i++) {
          out.boxes.push(await page.evaluate((i) => {
            const slide = document.querySelectorAll(".slide:not(.print-page)")[i];
            document.querySelectorAll(".slide:not(.print-page)").forEach((s) => s.classList.toggle("current", s === slide));
            window.deckFit(slide);
            const box = (el) => { const r = el.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom].map(Math.round); };
            return {
              images: Array.from(slide.querySelectorAll("img")).map(box),
              points: Array.from(slide.querySelectorAll("ul.points > li")).map(box),
              columns: Array.from(slide.querySelectorAll(".columns > div")).map(box),
            };
          }, i));
        }
        // code highlighted a group at a time: the first such slide, from its last step back to its first
        const stepped = await page.evaluate(() => Array.from(document.querySelectorAll(".slide:not(.print-page)")).findIndex((s) => s.querySelector("pre[data-lines]")));
        if (stepped >= 0) {
          await page.goto("file://" + file + "#" + (stepped + 1));
          await page.reload();  // a new address that differs only by its fragment does not load the page again
          out.lineSteps = [];
          for (;;) {
            out.lineSteps.unshift(await page.evaluate(() => [parseInt(document.body.dataset.step, 10),
              Array.from(document.querySelectorAll(".slide.current pre[data-lines] .ln")).map((l) => (l.classList.contains("dim") ? "-" : "#")).join("")]));
            if (out.lineSteps[0][0] === 0) break;
            await page.keyboard.press("ArrowLeft");
          }
        }
        // a block with one group: its lines highlighted from the start, on its own slide
        const single = await page.evaluate(() => Array.from(document.querySelectorAll(".slide:not(.print-page)")).findIndex((s) => s.querySelector('pre[data-block="0"]')));
        if (single >= 0) {
          await page.goto("file://" + file + "#" + (single + 1));
          await page.reload();
          out.singleGroup = await page.evaluate(() => Array.from(document.querySelectorAll('.slide.current pre[data-block="0"] .ln')).map((l) => (l.classList.contains("dim") ? "-" : "#")).join(""));
        }
        await page.goto("file://" + file);
        const state = async () => page.evaluate(() => [parseInt(document.body.dataset.index, 10), parseInt(document.body.dataset.step, 10)]);
        out.afterKeys = [await state()];
        for (const key of ["ArrowRight", "ArrowRight", "ArrowRight", "ArrowLeft", "End", "ArrowRight", "End", "Home", "3", "Enter"]) {
          await page.keyboard.press(key);
          out.afterKeys.push(await state());
        }
        await page.goto("file://" + file + "#3");  // the address names a slide: opened there, complete
        out.fromAddress = await state();
        out.address = await page.evaluate(() => location.hash);
        const notesVisible = async () => page.evaluate(() => {
          const n = document.querySelector(".slide.current .notes");
          return n ? getComputedStyle(n).display !== "none" : null;
        });
        out.notesHiddenAtFirst = !(await notesVisible());
        await page.keyboard.press("n");
        out.notesShownAfterN = await notesVisible();
        await page.keyboard.press("Home");
        await page.mouse.click(1000, 400);  // the right half: on
        out.afterClicks = [await state()];
        await page.mouse.click(200, 400);  // the left half: back
        out.afterClicks.push(await state());
        await page.pdf({ path: file.replace(/\.html$/, ".print.pdf"), width: "1280px", height: "720px", printBackground: true });
        // printed, every token of code reads on its block: the lowest contrast of any, by WCAG's formula
        await page.emulateMedia({ media: "print" });
        out.printCodeContrast = await page.evaluate(() => {
          const rgb = (c) => c.match(/[\d.]+/g).slice(0, 3).map(Number);
          const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
            .reduce((sum, v, i) => sum + v * [0.2126, 0.7152, 0.0722][i], 0);
          let lowest = null;
          document.querySelectorAll("pre.code").forEach((pre) => {
            const back = lum(rgb(getComputedStyle(pre).backgroundColor));
            pre.querySelectorAll("span").forEach((span) => {
              if (!span.textContent.trim()) return;
              const fore = lum(rgb(getComputedStyle(span).color));
              const ratio = (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05);
              lowest = lowest === null ? ratio : Math.min(lowest, ratio);
            });
          });
          return lowest;
        });
        await page.emulateMedia({ media: "screen" });
      }
      await page.close();
    }
    console.log(JSON.stringify(out));
  } catch (error) {
    console.log(JSON.stringify({ error: String(error) }));
  } finally {
    await browser.close();
  }
})();
