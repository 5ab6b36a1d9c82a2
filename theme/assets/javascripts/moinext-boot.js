/* Material for MkDocs' start-up helpers ((c) Martin Donath, MIT licence; partials/javascripts/base.html), as a file: the site runs
 * under a Content-Security-Policy with no inline script. The scope is the site's root, found from
 * this file's own address rather than from anything in the page. */
/* eslint-disable */
__md_scope = new URL("../../", document.currentScript.src);
__md_hash = (e) => [...e].reduce((e, _) => (e << 5) - e + _.charCodeAt(0), 0);
__md_get = (e, _ = localStorage, t = __md_scope) => JSON.parse(_.getItem(t.pathname + "." + e));
__md_set = (e, _, t = localStorage, a = __md_scope) => {
  try {
    t.setItem(a.pathname + "." + e, JSON.stringify(_));
  } catch (e) {}
};
