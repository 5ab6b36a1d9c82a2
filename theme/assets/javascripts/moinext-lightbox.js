/* The story's photo gallery in GLightbox, shipped with the site (no CDN).
 *
 * Only links the site's templates mark (a.glightbox inside .moi-story, each to one of the story's
 * own photos; office HTML can carry no such class) open in it, and every slide is an image:
 * GLightbox never loads its video player from a CDN nor shows another page in a frame.
 */
(() => {
  "use strict";
  if (typeof GLightbox !== "function") return;
  const lightbox = GLightbox({
    selector: ".moi-story a.glightbox[data-type='image']",
    touchNavigation: true,
    loop: false,
    zoomable: true,
    draggable: true,
    openEffect: "zoom",
    closeEffect: "zoom",
    slideEffect: "slide",
    plyr: { css: "", js: "" },
  });
  if (typeof document$ !== "undefined") document$.subscribe(() => lightbox.reload());
})();
