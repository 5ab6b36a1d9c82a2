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

  // A field's text box with a line beside it that tells what the value means (the day in the
  // Buddhist Era, the story's address), the box described by that line for a screen reader.
  function inputWithNote(props, input, note, text) {
    var attributes = {
      id: props.forID,
      "aria-describedby": note.id,
      onChange: function (event) {
        props.onChange(event.target.value);
      },
      onFocus: props.setActiveStyle,
      onBlur: props.setInactiveStyle,
    };
    Object.keys(input).forEach(function (key) {
      attributes[key] = input[key];
    });
    return h("div", { className: props.classNameWrapper }, h("input", attributes), h("output", note, text));
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
      return inputWithNote(
        props,
        { type: "date", value: value, lang: "th" },
        { id: props.forID + "-be", className: "moinext-date-be", "aria-live": "polite" },
        value ? thaiDate(value) : "เลือกวันที่ ระบบจะแสดงเป็นปีพุทธศักราช (พ.ศ.)"
      );
    },
  });

  var DatePreview = createClass({
    render: function () {
      return h("p", { className: "moinext-date" }, thaiDate(this.props.value ? String(this.props.value) : ""));
    },
  });

  // The story's folder name (the end of its address), proposed from the title as `moinext new`
  // proposes it: lower case, the allowed letters, words joined by "-", cut at a word's end
  // within the bounds check holds it to. Editable until the story is first saved: after that it
  // is the folder's name, which the form cannot move.
  var words = window.Intl && Intl.Segmenter ? new Intl.Segmenter("th", { granularity: "word" }) : null;
  var encoder = new TextEncoder();

  function slugOf(title, field) {
    var allowed = new RegExp(field.get("allowed"));
    var maxChars = field.get("max_chars");
    var maxBytes = field.get("max_bytes");
    var text = Array.from(title.normalize("NFC").toLowerCase())
      .map(function (c) { return allowed.test(c) ? c : " "; })
      .join("")
      .trim()
      .replace(/\s+/g, "-");
    function fits(s) { return s.length <= maxChars && encoder.encode(s).length <= maxBytes; }
    if (fits(text)) return text;
    var kept = "";
    var pieces = words ? Array.from(words.segment(text), function (s) { return s.segment; }) : text.split(/(-)/);
    for (var i = 0; i < pieces.length && fits(kept + pieces[i]); i++) kept += pieces[i];
    kept = kept.replace(/^-+|-+$/g, "");
    while (kept && !fits(kept)) kept = kept.slice(0, -1).replace(/-+$/, "");
    return kept;
  }

  // Decap renders a field again only when its own value changes, so the proposal follows the
  // title through the title's input events, and is written at saving (preSave) when the clerk
  // left the field as proposed.
  var slugField = null;

  function titleNow() {
    var input = document.querySelector("input[id^=title-field-]");
    return input ? input.value : "";
  }

  var SlugControl = createClass({
    getInitialState: function () {
      return { proposed: "" };
    },
    isNew: function () {
      return Boolean(this.props.entry.get("newRecord"));
    },
    follow: function () {
      this.setState({ proposed: slugOf(titleNow() || String(this.props.entry.getIn(["data", "title"]) || ""), this.props.field) });
    },
    componentDidMount: function () {
      slugField = this.props.field;
      this.listener = function (event) {
        if (event.target && /^title-field-/.test(event.target.id || "")) this.follow();
      }.bind(this);
      document.addEventListener("input", this.listener, true);
      this.follow();
    },
    componentWillUnmount: function () {
      document.removeEventListener("input", this.listener, true);
    },
    isValid: function () {
      var value = String(this.props.value || "");
      var field = this.props.field;
      if (value.length > field.get("max_chars") || encoder.encode(value).length > field.get("max_bytes")) {
        return { error: { message: "ชื่อนี้ยาวเกินไป กรุณาตัดให้สั้นลง (ไทยไม่เกิน 40 ตัวอักษร)" } };
      }
      return true;
    },
    render: function () {
      var props = this.props;
      var shown = props.value || this.state.proposed;
      var office = props.entry.getIn(["data", "office"]) || "…";
      var address = (props.field.get("site_url") || "/").replace(/\/?$/, "/") + office + "/" + (shown || "…") + "/";
      return inputWithNote(
        props,
        { type: "text", value: props.value || "", placeholder: this.state.proposed, readOnly: !this.isNew() },
        { id: props.forID + "-address", className: "moinext-address" },
        "ที่อยู่เว็บ: " + address
      );
    },
  });

  // A group or a text the clerk opened and left empty is not written: check would refuse
  // "reported_by: {name: ''}" though nobody meant to name a reporter.
  function isList(value) {
    return Boolean(value) && typeof value.push === "function" && typeof value.toArray === "function";
  }
  function isGroup(value) {
    return Boolean(value) && typeof value.keySeq === "function" && !isList(value);
  }
  function blank(value) {
    if (value === null || value === undefined || value === "") return true;
    if (isGroup(value)) return value.valueSeq().every(blank);
    return false; // numbers, yes/no, lists (an empty list is written as [], which check takes)
  }

  CMS.registerEventListener({
    name: "preSave",
    handler: function (event) {
      var data = event.entry.get("data");
      data = data.filter(function (value, key) {
        return key === "body" || !blank(value);
      });
      if (data.get("slug") || !slugField || !event.entry.get("newRecord")) return data;
      return data.set("slug", slugOf(String(data.get("title") || ""), slugField));
    },
  });

  // The preview: the story as its page reads, the choices by their Thai names (the form's own
  // option labels), not the codes the file stores.
  function optionLabel(collection, name, value) {
    var field = collection.get("fields").find(function (f) { return f.get("name") === name; });
    var options = field ? field.get("options") : null;
    var found = options && options.find(function (o) { return o.get && o.get("value") === value; });
    return found ? found.get("label").replace(/ · [a-z0-9-]+$/, "") : value;
  }

  function items(value) {
    // A list field's value: Decap's immutable List, an array, or nothing yet.
    if (!value) return [];
    return typeof value.toArray === "function" ? value.toArray() : Array.isArray(value) ? value : [];
  }

  var StoryPreview = createClass({
    render: function () {
      var props = this.props;
      var data = props.entry.get("data");
      var collection = props.collection;
      var pmqa = items(data.get("pmqa"));
      var results = items(data.get("results"));
      var photos = items(data.get("photos"));
      return h(
        "article",
        { className: "moinext-story" },
        h("p", { className: "moinext-office" }, optionLabel(collection, "office", data.get("office") || "")),
        h("h1", {}, data.get("title") || ""),
        h(
          "p",
          { className: "moinext-date" },
          thaiDate(String(data.get("date") || "")) + (data.get("rer") ? " · " + optionLabel(collection, "rer", data.get("rer")) : "")
        ),
        h("ul", { className: "moinext-pmqa" }, pmqa.map(function (code) {
          return h("li", { key: code }, optionLabel(collection, "pmqa", code));
        })),
        h("p", { className: "moinext-summary" }, data.get("summary") || ""),
        photos.map(function (photo, index) {
          var file = photo && photo.get ? photo.get("file") : null;
          var asset = file ? props.getAsset(file) : null;
          return h(
            "figure",
            { key: index },
            asset ? h("img", { src: asset.toString(), alt: photo.get("alt") || "" }) : null,
            h("figcaption", {}, (photo && photo.get && (photo.get("caption") || photo.get("alt"))) || "")
          );
        }),
        results.length
          ? h(
              "table",
              {},
              h("thead", {}, h("tr", {}, ["ตัวชี้วัด", "ก่อน", "หลัง", "หน่วย"].map(function (t) { return h("th", { key: t }, t); }))),
              h("tbody", {}, results.map(function (r, i) {
                return h("tr", { key: i }, h("td", {}, r.get("indicator")), h("td", {}, r.get("before")), h("td", {}, r.get("after")), h("td", {}, r.get("unit")));
              }))
            )
          : null,
        props.widgetFor("body")
      );
    },
  });

  CMS.registerPreviewTemplate("stories", StoryPreview);
  CMS.registerWidget("moinext-date", DateControl, DatePreview);
  CMS.registerWidget("moinext-slug", SlugControl);
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
    // Decap's locale leaves its groups' open/close buttons in English.
    document.querySelectorAll("button[data-testid=expand-button][aria-label=Expand]").forEach(function (toggle) {
      toggle.setAttribute("aria-label", "แสดงหรือซ่อนรายละเอียด");
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
