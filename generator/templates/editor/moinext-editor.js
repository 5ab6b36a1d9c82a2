// moinext's part of the web editor: a date field that shows the Buddhist Era, and the story
// preview in the site's type (Sarabun). Decap CMS puts CMS, createClass and h on window.
(function () {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  var createClass = window.createClass;
  var ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
  var buddhist = new Intl.DateTimeFormat("th-TH-u-ca-buddhist", { dateStyle: "full" });

  function thaiDate(iso) {
    if (!ISO_DATE.test(iso || "")) return "";
    var parts = iso.split("-");
    return buddhist.format(new Date(Number(parts[0]), Number(parts[1]) - 1, Number(parts[2])));
  }

  // The value is kept as the file stores it (YYYY-MM-DD, the Gregorian calendar that check and
  // every tool read); beside the picker the same day is spelt out in Thai, in the Buddhist Era.
  var DateControl = createClass({
    isValid: function () {
      var value = this.props.value;
      if (!value) return true; // "required" is Decap's own check, with its own message
      return ISO_DATE.test(String(value)) ? true : { error: { message: "กรุณาเลือกวันที่จากปฏิทิน" } };
    },
    render: function () {
      var props = this.props;
      var value = props.value ? String(props.value).slice(0, 10) : "";
      return h(
        "div",
        { className: props.classNameWrapper },
        h("input", {
          type: "date",
          id: props.forID,
          value: value,
          lang: "th",
          "aria-describedby": props.forID + "-be",
          onChange: function (event) {
            props.onChange(event.target.value);
          },
          onFocus: props.setActiveStyle,
          onBlur: props.setInactiveStyle,
        }),
        h(
          "output",
          { id: props.forID + "-be", className: "moinext-date-be", "aria-live": "polite" },
          value ? thaiDate(value) : "เลือกวันที่ ระบบจะแสดงเป็นปีพุทธศักราช (พ.ศ.)"
        )
      );
    },
  });

  var DatePreview = createClass({
    render: function () {
      return h("p", { className: "moinext-date" }, thaiDate(this.props.value ? String(this.props.value) : ""));
    },
  });

  CMS.registerWidget("moinext-date", DateControl, DatePreview);
  CMS.registerPreviewStyle("preview.css");

  // What Decap's markup lacks for a screen reader (axe-core finds it): names for the preview's
  // frame, the body's text box and the switch between rich text and Markdown; no control nested
  // in another.
  function name(element, label) {
    if (!element.getAttribute("aria-label") && !element.getAttribute("title")) {
      element.setAttribute(element.tagName === "IFRAME" ? "title" : "aria-label", label);
    }
  }
  function mend() {
    document.querySelectorAll("iframe#preview-pane").forEach(function (frame) {
      name(frame, "ตัวอย่างเรื่องเล่าตามที่จะแสดงบนเว็บไซต์");
    });
    document.querySelectorAll("[data-slate-editor]").forEach(function (box) {
      name(box, "เนื้อเรื่อง");
    });
    // The toolbar's menus wrap a button in a span that is a button too: one control inside
    // another. The inner button stays the control (a click on it opens the menu as before).
    document.querySelectorAll("span[role=button], span[aria-haspopup], span[aria-expanded]").forEach(function (wrapper) {
      var inner = wrapper.querySelector("button");
      if (!inner) return;
      ["aria-haspopup", "aria-expanded"].forEach(function (attribute) {
        if (wrapper.hasAttribute(attribute)) {
          inner.setAttribute(attribute, wrapper.getAttribute(attribute));
          wrapper.removeAttribute(attribute);
        }
      });
      wrapper.removeAttribute("role");
      wrapper.removeAttribute("tabindex");
    });
    document.querySelectorAll("button[role=switch]").forEach(function (toggle) {
      name(toggle, "เขียนเป็นมาร์กดาวน์");
      var on = /checked|active|on/i.test(toggle.className) || toggle.getAttribute("aria-pressed") === "true";
      if (!toggle.hasAttribute("aria-checked")) toggle.setAttribute("aria-checked", String(on));
      if (!toggle.dataset.moinext) {
        toggle.dataset.moinext = "1";
        toggle.addEventListener("click", function () {
          toggle.setAttribute("aria-checked", String(toggle.getAttribute("aria-checked") !== "true"));
        });
      }
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (pending) return;
    pending = true;
    window.requestAnimationFrame(function () {
      pending = false;
      mend();
    });
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
