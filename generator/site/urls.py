"""Every address of the site, in one place: each page, feed, photo and font, and absolute URLs.

Addresses are site-relative and end in "/" for pages ("th-50/pha-thai/"); templates pass them
through mkdocs' `url` filter. Nothing else in the project writes a site path by hand.
"""

from __future__ import annotations

from urllib.parse import quote

from ..frameworks import pmqa_category_of

HOME = ""
ARCHIVE = "stories/"  # every story, newest first
OVERVIEW = "overview/"
OFFICES = "offices/"
RER_INDEX = "rer/"
PMQA_INDEX = "pmqa/"
CONTACT = "about/contact/"  # the responsible unit, its address and the complaint channel
PRIVACY = "about/privacy/"  # the privacy notice (PDPA)
WEBSITE_POLICY = "about/website-policy/"
ACCESSIBILITY = "about/accessibility/"
SITEMAP_PAGE = "about/sitemap/"  # the sitemap for people (sitemap.xml is for search engines)
TAGS_INDEX = "tags/"  # every tag, with its stories' count
SITE_FEED = "feed.xml"
FONT_LICENCE = "assets/fonts/OFL.txt"
STYLESHEET = "assets/stylesheets/moinext.css"  # the theme's own styles (in the site's stylesheet)
FAVICON = "assets/images/favicon.svg"
SEARCH_SCRIPT = "assets/javascripts/moinext-search.js"
# Material's start-up helpers and palette restore, the theme's files (in the site's start script)
START_SCRIPTS = ("assets/javascripts/moinext-boot.js", "assets/javascripts/moinext-palette.js")
NORMALISE_SCRIPT = "assets/javascripts/moinext-normalise.js"  # made from thai/normalise.py
SEARCH_INDEX = "search/"  # the search index, in parts (site/search/)
SEARCH_PARTS = "search/parts.json"  # the index's parts, for the search script
LIGHTBOX_DIR = "assets/glightbox/"
BUILD_RECORD = ".moinext-build.json"  # what each output was made from (site/record.py); not published
SITEMAP = "sitemap.xml"
NGINX_CONFIG = ".moinext-nginx.conf"  # the web server's configuration for this site; not published
HEADERS_FILE = "_headers"  # response headers for Netlify and Cloudflare Pages (site/policy.py)


def site_start_script(key: str) -> str:
    """Material's start-up helpers and palette restore in one file, named by its content."""
    return f"assets/javascripts/start.{key}.js"


def site_stylesheet(key: str) -> str:
    """The site's one stylesheet (Material's and the theme's in one file), named by its content."""
    return f"assets/stylesheets/site.{key}.css"


def search_part(number: int) -> str:
    """The folder of one part of the search index (site/search/)."""
    return f"{SEARCH_INDEX}{number}/"


def page_file(url: str) -> str:
    """The file a page's address is served from ("th-50/" -> "th-50/index.html")."""
    return f"{url}index.html"


def office(office_id: str) -> str:
    return f"{office_id}/"


def office_feed(office_id: str) -> str:
    return f"{office(office_id)}{SITE_FEED}"


def province(iso_code: str) -> str:
    """The page of a province: its provincial office's (TH-50 -> th-50/)."""
    return office(iso_code.lower())


def story(office_id: str, slug: str) -> str:
    return f"{office(office_id)}{slug}/"


def tag(slug: str) -> str:
    return f"{TAGS_INDEX}{slug}/"


def share_links(address: str, title: str) -> tuple[tuple[str, str], ...]:
    """(network, address) of plain share links: no script of theirs is loaded, the reader's
    click opens their page. LINE and Facebook are how Thai readers share."""
    page, text = quote(address, safe=""), quote(title, safe="")
    return (
        ("LINE", f"https://social-plugins.line.me/lineit/share?url={page}"),
        ("Facebook", f"https://www.facebook.com/sharer/sharer.php?u={page}"),
        ("X", f"https://x.com/intent/post?url={page}&text={text}"),
    )


def rer(key: str) -> str:
    return f"{RER_INDEX}{key}/"


def pmqa(code: str) -> str:
    """The page of a PMQA category; an item's code leads to its category's page."""
    return f"{PMQA_INDEX}{pmqa_category_of(code)}/"


def pmqa_evidence(code: str) -> str:
    """The printable evidence pack of a PMQA category (generator/evidence.py)."""
    return f"{pmqa(code)}evidence.html"


def listing_page(first: str, number: int) -> str:
    """Page `number` of a paginated listing whose first page is `first`."""
    return first if number == 1 else f"{first}page/{number}/"


def photo(story_url: str, stem: str, filename: str) -> str:
    """A photo variant, published beside its story."""
    return f"{story_url}{stem}-{filename}"


def relative(page: str, path: str) -> str:
    """The address of site path `path` as written in page `page`'s HTML (both site-relative)."""
    if path.startswith(page):
        return path[len(page) :]
    return "../" * page.count("/") + path


def logo(file_name: str) -> str:
    """The site's logo, copied from content/ (appearance.logo in site_config.yml)."""
    return "assets/logo" + file_name[file_name.rfind(".") :].lower()


def font(weight: int) -> str:
    return f"assets/fonts/sarabun-{weight}.woff2"


def normalise_site_url(site_url: str) -> str:
    """The public address with exactly one trailing "/", as every absolute URL is built on it."""
    return site_url.rstrip("/") + "/"


def absolute(site_url: str | None, path: str) -> str:
    """The absolute URL of a site path; root-relative ("/path") when the public address is unset."""
    if site_url:
        return normalise_site_url(site_url) + path
    return f"/{path}"


def as_uri(address: str) -> str:
    """An address as a URI (RFC 3986): Thai letters of a slug percent-encoded, as a QR code or
    any other machine reader must be given it; what is already encoded stays as it is."""
    return quote(address, safe=":/?#[]@!$&'()*+,;=%~")
