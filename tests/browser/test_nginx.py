"""The example site served by Debian's nginx with the configuration the build generates.

nginx is started by the test on a free port with `policy.nginx_server_config` (the same function
that writes the site's .moinext-nginx.conf), then every file is asked for: each answer carries the
security headers, the Content-Type and Cache-Control the policy gives that file, and text comes
pre-compressed (brotli or gzip, as the client accepts). Chromium then browses home, a story, the
search and a missing page through it with no CSP violation.
"""

from __future__ import annotations

import contextlib
import gzip
import os
import shutil
import subprocess
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import brotli
import pytest

from conftest import free_port, wait_until_listening
from generator.site import policy, urls

from .test_hostile_site import _watch

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BROTLI_MODULE = Path(policy.BROTLI_MODULE)
# A story's former addresses (aliases), a Thai one among them, as the build passes them.
MOVED = {"th-50/old-name/": "th-50/damrongdham-15-days/", "th-50/ชื่อเดิม/": "th-50/damrongdham-15-days/"}


def _needs_nginx() -> None:
    if not Path(NGINX).exists() or not BROTLI_MODULE.exists():
        if os.environ.get("MOINEXT_REQUIRE_BROWSER") == "1":
            pytest.fail("nginx and its brotli module are required (make test installs them)")
        pytest.skip("nginx is not installed (make test installs Debian's nginx)")


@contextlib.contextmanager
def _nginx(prefix: Path, server_block: str, port: int) -> Iterator[None]:
    """nginx serving server_block (the site's configuration) with the main configuration the
    container runs with (Dockerfile), its runtime folder in prefix."""
    (prefix / "site.conf").write_text(server_block, encoding="utf-8")
    (prefix / "nginx.conf").write_text(
        policy.nginx_main_config(str(prefix / "site.conf"), str(prefix), user="root" if os.geteuid() == 0 else None),
        encoding="utf-8",
    )
    server = subprocess.Popen([NGINX, "-c", str(prefix / "nginx.conf"), "-p", str(prefix), "-g", "daemon off;"])
    try:
        wait_until_listening(port, server, lambda: "nginx did not start (its errors are above, on stderr)")
        yield
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.fixture(scope="module")
def nginx_url(example_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _needs_nginx()
    prefix = tmp_path_factory.mktemp("nginx")
    port = free_port()
    # The site as published, with what an operator adds beside it (an ACME challenge, security.txt).
    root = prefix / "root"
    shutil.copytree(example_site, root, copy_function=os.link)
    (root / ".well-known").mkdir()
    (root / ".well-known" / "security.txt").write_text("Contact: mailto:security@example.go.th\n", encoding="utf-8")
    with _nginx(prefix, policy.nginx_server_config(str(root), f"127.0.0.1:{port}", redirects=MOVED), port):
        yield f"http://127.0.0.1:{port}/"


def _get(url: str, encoding: str = "identity", method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method, headers={"Accept-Encoding": encoding})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as error:
        return error.code, {k.lower(): v for k, v in error.headers.items()}, error.read()


def _published(site: Path) -> list[str]:
    return sorted(
        p.relative_to(site).as_posix()
        for p in site.rglob("*")
        if p.is_file() and not p.name.startswith(".") and p.suffix not in (".gz", ".br") and p.name != "_headers"
    )


def test_the_site_carries_its_own_nginx_configuration(example_site):
    assert (example_site / urls.NGINX_CONFIG).read_text(encoding="utf-8") == policy.nginx_server_config()


def test_every_file_has_the_policy_s_headers_type_and_caching(example_site, nginx_url):
    files = _published(example_site)
    assert len(files) > 200
    wrong = []
    for path in files:
        status, headers, _ = _get(nginx_url + quote(path), method="HEAD")
        expected = {
            "status": 200,
            "content-type": policy.content_type(path),
            "cache-control": policy.cache_control(path),
            **{name.lower(): value for name, value in policy.security_headers()},
        }
        got = {"status": status, **{name: headers.get(name) for name in expected if name != "status"}}
        if got != expected:
            wrong.append((path, {k: v for k, v in got.items() if expected[k] != v}))
    assert wrong == []
    # Both kinds of caching are in the site: hashed assets for a year, pages revalidated.
    assert {policy.cache_control(p) for p in files} == {policy.IMMUTABLE, policy.REVALIDATE}


def test_text_is_sent_pre_compressed(example_site, nginx_url):
    story = urls.story("th-50", "pha-thai-jomthong")
    original = (example_site / story / "index.html").read_bytes()
    status, headers, body = _get(nginx_url + story, "br")
    assert status == 200 and headers["content-encoding"] == "br" and brotli.decompress(body) == original
    assert headers["content-type"] == "text/html; charset=utf-8"
    status, headers, body = _get(nginx_url + story, "gzip")
    assert status == 200 and headers["content-encoding"] == "gzip" and gzip.decompress(body) == original
    status, headers, body = _get(nginx_url + story)
    assert "content-encoding" not in headers and body == original
    # The copies are exactly the file's bytes compressed (made at build time, site/compress.py).
    for copy in example_site.rglob("*.br"):
        assert brotli.decompress(copy.read_bytes()) == copy.with_suffix("").read_bytes(), copy


def test_answers_work_behind_a_proxy_and_a_cdn(nginx_url):
    """A redirect named nginx's own port (broken behind docker -p 80:8080 or TLS); pre-compressed
    answers had no Vary (a CDN could hand brotli to a client that cannot read it)."""
    request = urllib.request.Request(nginx_url + "th-50", method="GET")
    opener = urllib.request.build_opener(_NoRedirect())
    try:
        opener.open(request, timeout=10)
        raise AssertionError("a folder without its / is redirected")
    except urllib.error.HTTPError as error:
        assert error.code == 301 and error.headers["Location"] == "/th-50/"
    status, headers, _ = _get(nginx_url, "br")
    assert status == 200 and headers["content-encoding"] == "br" and headers["vary"] == "Accept-Encoding"
    status, _, body = _get(nginx_url + ".well-known/security.txt")
    assert status == 200 and body.startswith(b"Contact:")
    assert _get(nginx_url + "_headers")[0] == 404


def test_a_story_s_former_address_is_a_permanent_redirect(nginx_url):
    opener = urllib.request.build_opener(_NoRedirect())
    for former in ("th-50/old-name/", "th-50/old-name/index.html", quote("th-50/ชื่อเดิม/")):
        try:
            opener.open(urllib.request.Request(nginx_url + former), timeout=10)
            raise AssertionError(f"{former} is not redirected")
        except urllib.error.HTTPError as error:
            assert error.code == 301 and error.headers["Location"] == "/th-50/damrongdham-15-days/", former
            assert error.headers["Content-Security-Policy"] == policy.header_policy()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def test_missing_pages_and_the_build_s_own_files_get_the_thai_404(nginx_url):
    for path in ("no-such-page/", urls.BUILD_RECORD, urls.NGINX_CONFIG, ".moinext"):
        status, headers, body = _get(nginx_url + path)
        assert status == 404, path
        assert "ไม่พบหน้านี้" in body.decode("utf-8") and headers["content-security-policy"] == policy.header_policy()


def test_the_public_browses_through_nginx_without_a_policy_violation(browser, nginx_url):
    context = browser.new_context(locale="th-TH")
    page = context.new_page()
    seen = _watch(page, nginx_url)
    for path in ("", urls.story("th-50", "pha-thai-jomthong"), "overview/"):
        response = page.goto(nginx_url + path)
        assert response is not None and response.status == 200
        page.wait_for_load_state("networkidle")
    page.goto(nginx_url + "?q=ทอผ้า")
    page.wait_for_function("() => document.querySelectorAll('.moi-search .md-search-result__item').length > 0")
    response = page.goto(nginx_url + "no-such-page/")
    assert response is not None and response.status == 404
    assert page.locator("h1").first.inner_text() == "ไม่พบหน้านี้"
    page.wait_for_load_state("networkidle")
    context.close()
    assert seen == {"dialogs": [], "violations": [], "elsewhere": [], "errors": []}


def test_nginx_runs_as_an_unprivileged_user_writing_only_its_runtime_folder(example_site: Path) -> None:
    """The container's nginx (Dockerfile: USER www-data, --read-only --tmpfs /tmp): the main
    configuration moinext generates lets nginx run as a user who may write nothing but its
    runtime folder. Here: nobody, with the site and the configuration owned by root, read-only."""
    if os.geteuid() != 0:
        pytest.skip("needs root to start nginx as another user")
    if not Path(NGINX).exists() or not BROTLI_MODULE.exists():
        pytest.skip("nginx is not installed (make test installs Debian's nginx)")
    import tempfile

    with tempfile.TemporaryDirectory(dir="/tmp") as folder:
        place = Path(folder)
        place.chmod(0o755)
        root = place / "site"
        shutil.copytree(example_site, root)
        runtime = place / "runtime"
        runtime.mkdir()
        shutil.chown(runtime, "nobody", "nogroup")
        port = free_port()
        (place / "site.conf").write_text(
            policy.nginx_server_config(root=str(root), listen=f"127.0.0.1:{port}"), encoding="utf-8"
        )
        (place / "nginx.conf").write_text(policy.nginx_main_config(str(place / "site.conf"), str(runtime)))
        for path in [place, *place.rglob("*")]:
            if path != runtime and path.parent != runtime:
                path.chmod(0o755 if path.is_dir() else 0o644)  # root's, readable, not writable by nobody
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--inh-caps=-all"]
        server = subprocess.Popen(
            [*command, NGINX, "-c", str(place / "nginx.conf"), "-p", str(runtime), "-g", "daemon off;"],
            stderr=subprocess.PIPE,
        )
        try:
            wait_until_listening(port, server, lambda: server.stderr.read().decode() if server.stderr else "")
            status, headers, body = _get(f"http://127.0.0.1:{port}/", "br")
            assert status == 200 and headers["content-encoding"] == "br" and body
            assert _get(f"http://127.0.0.1:{port}/no-such-page/")[0] == 404
            owners = {p.stat().st_uid for p in runtime.rglob("*")}
            assert owners <= {65534}, "nginx wrote only its runtime folder, as nobody"
        finally:
            server.terminate()
            server.wait(timeout=10)


def _self_signed(folder: Path) -> tuple[str, str]:
    """A certificate for 127.0.0.1 and its key, as an operator's would be (one from a CA)."""
    import datetime
    import ipaddress

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=2))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    (folder / "site.crt").write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    (folder / "site.key").write_bytes(
        key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())
    )
    return str(folder / "site.crt"), str(folder / "site.key")


def test_over_https_the_site_is_served_with_http2_and_its_headers(browser, example_site: Path, tmp_path: Path) -> None:
    """`moinext server-config --tls-certificate … --tls-key …`: nginx accepts the block, and the
    browser gets every page and its stylesheets, fonts and photo over one HTTP/2 connection with
    the site's policy (issue 28: the LCP Lighthouse measures over HTTP/2 is 1.9 s)."""
    _needs_nginx()
    from generator import publishing

    port = free_port()
    config = publishing.nginx_config(str(example_site), f"127.0.0.1:{port}", tls=_self_signed(tmp_path))
    with _nginx(tmp_path, config, port):
        context = browser.new_context(ignore_https_errors=True)
        page = context.new_page()
        answers = []
        page.on("response", lambda response: answers.append(response))
        page.goto(f"https://127.0.0.1:{port}/th-50/pha-thai-jomthong/")
        page.wait_for_load_state("networkidle")
        protocols = page.evaluate(
            "() => [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]"
            ".map(entry => entry.nextHopProtocol)"
        )
        assert len(protocols) > 5 and set(protocols) == {"h2"}, protocols
        page_answer = answers[0]
        assert page_answer.status == 200
        assert "strict-transport-security" in page_answer.headers
        assert page_answer.headers["content-security-policy"] == policy.header_policy()
        context.close()


def test_on_port_443_plain_http_is_sent_to_https() -> None:
    config = policy.nginx_server_config("/srv/site", "443", "moi.example.go.th", tls=("/etc/a.crt", "/etc/a.key"))
    plain, secure = config.split("server {")[1:3]
    assert "listen 80;" in plain and "return 301 https://$host$request_uri;" in plain
    assert "listen 443 ssl http2;" in secure and 'ssl_certificate "/etc/a.crt";' in secure
    assert "ssl_certificate" not in policy.nginx_server_config("/srv/site", "443")


def test_a_site_in_a_folder_with_spaces_and_semicolons_is_served(example_site: Path, tmp_path: Path) -> None:
    """Every path in the configuration is one quoted argument: a folder named like this split the
    directive (root /srv/my site; ...) or, with a ;, ended it and began another."""
    _needs_nginx()
    from generator import publishing

    root = tmp_path / "เว็บไซต์ ปี 2569; #1"
    shutil.copytree(example_site, root, copy_function=os.link)
    runtime = tmp_path / "runtime dir"
    runtime.mkdir()
    port = free_port()
    with _nginx(runtime, publishing.nginx_config(str(root), f"127.0.0.1:{port}"), port):
        status, headers, body = _get(f"http://127.0.0.1:{port}/th-50/pha-thai-jomthong/")
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert body == (root / "th-50" / "pha-thai-jomthong" / "index.html").read_bytes()
