"""What the public site allows a browser to do: its Content-Security-Policy, one owner.

Nothing on the site runs script it did not ship: no inline script (Material's own inline scripts
are replaced by files in theme/), no other host. Pagefind needs WebAssembly ('wasm-unsafe-eval')
and a blob: worker; Material and GLightbox set inline styles. Pages carry the policy in a <meta>
tag (for hosting that sets no headers; browsers ignore frame-ancestors there), and `_headers`
(Netlify, Cloudflare Pages) and web-server configuration carry the whole of it.
"""

from __future__ import annotations

CONTENT_SECURITY_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),
    ("style-src", "'self' 'unsafe-inline'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self' blob:"),
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


def security_headers() -> tuple[tuple[str, str], ...]:
    """Headers every response of the site should carry."""
    return (
        ("Content-Security-Policy", header_policy()),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    )


def netlify_headers() -> str:
    """A `_headers` file (Netlify, Cloudflare Pages): the headers for every path."""
    return "/*\n" + "".join(f"  {name}: {value}\n" for name, value in security_headers())
