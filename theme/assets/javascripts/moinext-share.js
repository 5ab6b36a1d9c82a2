/* Share links without a third party's script: the links are plain (filled with this page's
 * address when the site has no site_url), and "copy link" uses the browser's clipboard. */
(() => {
  "use strict";
  const page = location.href.split("#")[0];
  const title = document.title;
  const targets = {
    LINE: (u) => `https://social-plugins.line.me/lineit/share?url=${encodeURIComponent(u)}`,
    Facebook: (u) => `https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(u)}`,
    X: (u) => `https://x.com/intent/post?url=${encodeURIComponent(u)}&text=${encodeURIComponent(title)}`,
  };
  for (const link of document.querySelectorAll(".moi-share a[data-share]")) {
    const make = targets[link.dataset.share];
    if (make && link.getAttribute("href") === "#") link.href = make(page);
  }
  const copy = document.querySelector(".moi-share__copy");
  if (copy) {
    copy.addEventListener("click", async () => {
      const original = copy.textContent;
      try {
        await navigator.clipboard.writeText(page);
        copy.textContent = copy.dataset.copyLabel;
      } catch (error) {
        window.prompt("คัดลอกลิงก์นี้", page);
      }
      setTimeout(() => { copy.textContent = original; }, 2000);
    });
  }
})();
