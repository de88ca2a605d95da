// Measure a Marp CLI HTML deck in headless Chromium at 1280x720: which slides run past the top of their
// footer (or past their own box), and which images do not load. Prints one JSON line:
// {"count": N, "bad": [[slide, bottom, limit], ...], "brokenImages": [src, ...], "images": N}
//   node marp_check.js FILE.html
const { chromium } = require("playwright-core");

(async () => {
  const [file] = process.argv.slice(2);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM || "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto("file://" + file);
    const result = await page.evaluate(() => {
      const bad = [];
      // a slide with a split background is drawn as three layered sections: its content is the one that counts
      const slides = document.querySelectorAll(
        'section[data-marpit-pagination]:not([data-marpit-advanced-background="background"]):not([data-marpit-advanced-background="pseudo"])',
      );
      slides.forEach((s, i) => {
        const top = s.getBoundingClientRect().top;
        const footer = s.querySelector("footer");
        const limit = footer ? footer.getBoundingClientRect().top - top : s.clientHeight;
        let bottom = 0;
        s.querySelectorAll(":scope > *:not(footer)").forEach((el) => { bottom = Math.max(bottom, el.getBoundingClientRect().bottom - top); });
        if (bottom > limit || s.scrollHeight > s.clientHeight + 1) bad.push([i + 1, Math.round(bottom), Math.round(limit)]);
      });
      // each slide's type size, and the largest of Marp's fitting sizes at which it would still fit
      const sizes = [];
      slides.forEach((s, i) => {
        const actual = parseFloat(getComputedStyle(s).fontSize);
        const fits = () => {
          const top = s.getBoundingClientRect().top;
          const footer = s.querySelector("footer");
          const limit = footer ? footer.getBoundingClientRect().top - top : s.clientHeight;
          let bottom = 0;
          s.querySelectorAll(":scope > *:not(footer)").forEach((el) => { bottom = Math.max(bottom, el.getBoundingClientRect().bottom - top); });
          return bottom <= limit && s.scrollHeight <= s.clientHeight + 1;
        };
        const before = s.style.fontSize;
        let best = 0;
        for (const size of [26, 22, 19, 16, 14, 12]) {
          s.style.fontSize = size + "px";
          if (fits()) { best = size; break; }
        }
        s.style.fontSize = before;
        sizes.push([i + 1, actual, best]);
      });
      const pictures = Array.from(document.querySelectorAll("img:not(.emoji)"));  // Marp draws emoji as Twemoji images (from a CDN)
      const brokenImages = pictures.filter((img) => !(img.complete && img.naturalWidth > 0)).map((img) => img.getAttribute("src"));
      return { count: slides.length, bad, brokenImages, images: pictures.length, sizes };
    });
    console.log(JSON.stringify(result));
  } catch (error) {
    console.log(JSON.stringify({ error: String(error) }));
  } finally {
    await browser.close();
  }
})();
