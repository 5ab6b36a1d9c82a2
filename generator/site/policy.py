"""What the public site allows a browser to do: its Content-Security-Policy, one owner.

Nothing on the site runs script it did not ship: no inline script (Material's own inline scripts
are replaced by files in theme/), no other host, no WebAssembly, no worker; Material and GLightbox
set inline styles. Pages carry the policy in a <meta> tag (for hosting that sets no headers;
browsers ignore frame-ancestors there), and `_headers` (Netlify, Cloudflare Pages) and web-server
configuration carry the whole of it.
"""

from __future__ import annotations

import mimetypes
import re
from collections.abc import Mapping
from pathlib import PurePosixPath
from urllib.parse import quote

from . import urls

CONTENT_SECURITY_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
    ("frame-ancestors", "'none'"),
)
# Directives a <meta> policy cannot carry (the browser ignores them there, with a warning).
_HEADER_ONLY = frozenset({"frame-ancestors", "report-uri", "sandbox"})


def header_policy() -> str:
    """The Content-Security-Policy header value."""
    return "; ".join(f"{name} {value}" for name, value in CONTENT_SECURITY_POLICY)


def meta_policy() -> str:
    """The policy for a page's <meta http-equiv> tag."""
    return "; ".join(f"{name} {value}" for name, value in CONTENT_SECURITY_POLICY if name not in _HEADER_ONLY)


def standalone_policy() -> str:
    """The policy of a page that stands alone, outside the site (an evidence pack saved as one
    HTML file): its styles and its fonts and pictures inside it, nothing else at all."""
    return (
        "default-src 'none'; style-src 'unsafe-inline'; font-src data:; img-src data:; "
        "base-uri 'none'; form-action 'none'"
    )


STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains"  # HTTPS only, for a year


def security_headers() -> tuple[tuple[str, str], ...]:
    """Headers every response of the site should carry."""
    return (
        ("Content-Security-Policy", header_policy()),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
        # Browsers heed it only over HTTPS (ignored on the plain-HTTP preview and intranet hosts).
        ("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY),
    )


def netlify_headers() -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the headers for every path."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in security_headers())


# How long browsers and CDNs keep each file. A name that carries its content's hash (Material's
# bundle.a5f9d56c.min.js, a photo's weaving-loom-ef2ebeef-960.jpg) never changes content: a year,
# immutable. Everything else lives at a fixed address whose content a release may change (pages,
# feeds, the search index, moinext.css): kept, but checked again on every use (a 304 costs a few
# bytes), so a release is seen at once.
IMMUTABLE = "public, max-age=31536000, immutable"
REVALIDATE = "public, max-age=0, must-revalidate"
# At least one letter among the digits: "report-25670815.pdf" (a date) is not a hash, and was
# cached for a year. (A hash that happens to be all digits is only revalidated: still right.)
_HASHED_NAME = re.compile(r"(?:^|[._-])(?=[0-9]*[a-f])[0-9a-f]{7,64}(?:[._-]|$)")


def is_content_hashed(site_path: str) -> bool:
    """Whether a site file's name carries a hash of its content (so its bytes never change)."""
    return bool(_HASHED_NAME.search(PurePosixPath(site_path).name))


def cache_control(site_path: str) -> str:
    return IMMUTABLE if is_content_hashed(site_path) else REVALIDATE


# Types the platform's table may lack or get wrong; text is always declared UTF-8 (Thai).
_TYPES = {
    ".html": "text/html; charset=utf-8",
    ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8",
    ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json",
    ".map": "application/json",
    ".xml": "application/xml; charset=utf-8",
    ".txt": "text/plain; charset=utf-8",
    ".svg": "image/svg+xml",
    ".webp": "image/webp",
    ".avif": "image/avif",
    ".woff2": "font/woff2",
    ".woff": "font/woff",
    ".wasm": "application/wasm",
    ".pdf": "application/pdf",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
ATOM_FEED = PurePosixPath(urls.SITE_FEED).name  # every feed of the site is named so (urls)


def content_type(site_path: str) -> str:
    """The Content-Type a server sends for a site file."""
    name = PurePosixPath(site_path).name
    if name == ATOM_FEED:
        return "application/atom+xml; charset=utf-8"
    suffix = PurePosixPath(name).suffix.lower()
    if suffix in _TYPES:
        return _TYPES[suffix]
    guessed, _ = mimetypes.guess_type(name)
    return guessed or "application/octet-stream"  # Pagefind's own files: read by its script


# Compressible: text, and the few binary formats that are not compressed already.
COMPRESSIBLE_SUFFIXES = frozenset({".html", ".css", ".js", ".mjs", ".json", ".map", ".xml", ".txt", ".svg"})


def is_compressible(site_path: str) -> bool:
    return PurePosixPath(site_path).suffix.lower() in COMPRESSIBLE_SUFFIXES


# nginx's location for content-hashed names: is_content_hashed() on the last part of the address.
_NGINX_HASHED = r"(?:[._/-])(?=[0-9]*[a-f])[0-9a-f]{7,64}(?:[._-][^/]*)?$"
_IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".gif": "image/gif"}


def _nginx_types() -> str:
    by_type: dict[str, list[str]] = {}
    for suffix, value in (*_TYPES.items(), *_IMAGE_TYPES.items()):
        by_type.setdefault(value.split(";")[0], []).append(suffix[1:])
    return "".join(f"        {kind} {' '.join(sorted(suffixes))};\n" for kind, suffixes in sorted(by_type.items()))


BROTLI_MODULE = "/usr/lib/nginx/modules/ngx_http_brotli_static_module.so"  # Debian's


class NginxValueError(ValueError):
    """A value the operator gave that nginx's configuration cannot hold as it is."""


# A listen (port, address:port, [v6]:port) and server names (host names, *.wildcards, _): nothing
# else, so that no value can end a directive and start another.
_NGINX_LISTEN = re.compile(r"[A-Za-z0-9.:\[\]_-]+")
_NGINX_NAMES = re.compile(r"[A-Za-z0-9.*_-]+(?: [A-Za-z0-9.*_-]+)*")


def _nginx_path(path: str, what: str) -> str:
    """A file or folder as one quoted nginx argument: a space, ; or # in a folder's name can then
    neither split the directive nor start another. $ would be read as a variable (root takes
    them) and control characters have no place in a path: both are refused."""
    if not path or "$" in path or any(ord(c) < 0x20 or ord(c) == 0x7F for c in path):
        raise NginxValueError(f"{what} {path!r}: nginx cannot use an empty path, nor one with $ or control characters")
    return '"' + path.replace("\\", "\\\\").replace('"', '\\"') + '"'


def nginx_main_config(site_config: str, runtime_dir: str, *, brotli: bool = True, user: str | None = None) -> str:
    """nginx's main configuration around the server block (nginx_server_config, in the file
    site_config): every file nginx writes (pid, temporary bodies) in runtime_dir and its errors on
    stderr, so it runs as any user with the rest of the disk read-only (a container
    with --read-only --tmpfs /tmp --user www-data --cap-drop ALL). user: the workers' user when
    started as root (nginx's default, nobody, could not read a folder only root may)."""
    temp = "".join(
        f"  {kind}_temp_path {_nginx_path(f'{runtime_dir}/{kind}', 'the runtime folder')};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    if user is not None and not re.fullmatch(r"[A-Za-z0-9._-]+", user):
        raise NginxValueError(f"user {user!r}: not a user name")
    return (
        (f"load_module {_nginx_path(BROTLI_MODULE, 'the brotli module')};\n" if brotli else "")
        + (f"user {user};\n" if user else "")
        + f"worker_processes auto;\npid {_nginx_path(f'{runtime_dir}/nginx.pid', 'the runtime folder')};\n"
        + "error_log stderr;\n"
        + "events { worker_connections 1024; }\n"
        # No access log: visitors' addresses are personal data (PDPA) that a static site does not
        # need (a CDN or proxy in front keeps its own logs), and an unprivileged nginx cannot
        # reopen a pipe that root made as /dev/stdout (permission denied, found by the tests).
        + f"http {{\n  access_log off;\n{temp}  include {_nginx_path(site_config, 'the site configuration')};\n}}\n"
    )


def nginx_server_config(
    root: str = "/srv/moinext/current",
    listen: str = "80",
    server_name: str = "_",
    *,
    brotli: bool = True,
    redirects: Mapping[str, str] | None = None,
    tls: tuple[str, str] | None = None,
) -> str:
    """An nginx `server` block for the built site: the security headers on every response, caching
    by file kind (cache_control), the Thai 404 page, the pre-compressed copies sent as they are,
    and the build's own files (names starting with ".") never served.

    brotli needs nginx's brotli static module (Debian: libnginx-mod-http-brotli-static).
    tls: (certificate, key) files: the site is served over HTTPS with HTTP/2, which sends the
    stylesheets, fonts and the lead photo over one connection (Lighthouse's mobile LCP on the
    example's home page: 1.7 s, against 2.1 s over plain HTTP/1.1's new connections; measured by
    benchmarks/bench_lighthouse.py); on port 443 a second block sends port 80 there."""
    if not _NGINX_LISTEN.fullmatch(listen):
        raise NginxValueError(f"listen {listen!r}: a port or address:port")
    if not _NGINX_NAMES.fullmatch(server_name):
        raise NginxValueError(f"server name {server_name!r}: host names separated by spaces")
    headers = security_headers()

    def block(cache: str, extra: str = "") -> str:
        # Vary: a pre-compressed answer depends on Accept-Encoding (a CDN without it handed
        # brotli to clients that cannot read it).
        every = (*headers, ("Cache-Control", cache), ("Vary", "Accept-Encoding"))
        lines = [f'        add_header {name} "{value}" always;' for name, value in every]
        return extra + "\n".join(lines) + "\n"

    # A port alone listens on IPv6 too.
    listens = [listen, f"[::]:{listen}"] if listen.isdigit() else [listen]
    # listen's http2 parameter: Debian 12's nginx 1.22 has no `http2 on;` (1.25.1).
    secure = ""
    if tls:
        listens = [f"{each} ssl http2" for each in listens]
        secure = (
            f"    ssl_certificate {_nginx_path(tls[0], 'the certificate')};\n"
            f"    ssl_certificate_key {_nginx_path(tls[1], 'the key')};\n    ssl_protocols TLSv1.2 TLSv1.3;\n"
        )
    to_https = (
        "server {\n    listen 80;\n    listen [::]:80;\n"
        f"    server_name {server_name};\n    server_tokens off;\n    return 301 https://$host$request_uri;\n}}\n"
        if tls and listen == "443"
        else ""
    )

    # text/html is nginx's own default there (naming it again is a warning).
    charset_types = sorted({v.split(";")[0] for v in _TYPES.values() if "charset" in v} - {"text/html"})
    charset_types.append("application/atom+xml")
    return (
        "# nginx configuration of the moinext site, written by `moinext build` (generator/site/policy.py).\n"
        "# Include it in the http block (Debian: /etc/nginx/sites-enabled/moinext.conf) and set root to\n"
        "# the published folder, or print another with `moinext server-config`.\n"
        f"{to_https}"
        "server {\n" + "".join(f"    listen {each};\n" for each in listens) + f"    server_name {server_name};\n"
        f"{secure}"
        f"    root {_nginx_path(root, 'the site folder')};\n"
        "    index index.html;\n"
        "    server_tokens off;\n"
        "    charset utf-8;\n"
        f"    charset_types {' '.join(charset_types)};\n"
        "    # The site's own table of types (policy.content_type); anything else is a download.\n"
        "    types {\n"
        f"{_nginx_types()}"
        "    }\n"
        "    default_type application/octet-stream;\n"
        "    # Copies made by the build (site/compress.py): sent as they are, never compressed per request.\n"
        "    gzip_static on;\n"
        f"{'    brotli_static on;' if brotli else '    # brotli_static on;  (with the brotli static module)'}\n"
        "    error_page 404 /404.html;\n"
        "    # Redirects (a folder without its /) name no host or port: behind a proxy, a container's\n"
        "    # -p 80:8080 or TLS, the internal :8080 broke them.\n"
        "    absolute_redirect off;\n"
        "\n"
        "    # The build's own files (.moinext*): what each page was made from, this configuration.\n"
        "    location ~ /\\. {\n"
        f"{block(REVALIDATE)}"
        "        return 404;\n"
        "    }\n"
        "    # What the operator puts there (ACME challenges, security.txt) is served.\n"
        "    location ^~ /.well-known/ {\n"
        f"{block(REVALIDATE)}"
        "        try_files $uri =404;\n"
        "    }\n"
        "    # The headers file of hosts that deploy the folder themselves: not a page of the site.\n"
        "    location = /_headers {\n"
        f"{block(REVALIDATE)}"
        "        return 404;\n"
        "    }\n"
        "    location / {\n"
        f"{block(REVALIDATE)}"
        "        try_files $uri $uri/ =404;\n"
        "    }\n"
        f'    location ~ "{_NGINX_HASHED}" {{\n'
        f"{block(IMMUTABLE)}"
        "    }\n"
        f"{_nginx_redirects(redirects or {}, block(REVALIDATE))}"
        "    location ~ (?:^|/)feed\\.xml$ {\n"
        "        types { }\n"
        "        default_type application/atom+xml;\n"
        f"{block(REVALIDATE)}"
        "    }\n"
        "}\n"
    )


def _nginx_redirects(redirects: Mapping[str, str], headers: str) -> str:
    """A permanent redirect from each former address of a story (aliases) to where it is now: the
    page the build writes there does it for hosts without rules (plan.redirect_page). Addresses
    are slugs (letters, digits, Thai, hyphens): nothing to escape in the configuration."""
    rules = []
    for former, target in sorted(redirects.items()):
        for place in (former, urls.page_file(former)):
            rules.append(f'    location = "/{place}" {{\n{headers}        return 301 /{quote(target)};\n    }}\n')
    return "".join(rules)
