# The site in a container, for offices without Python: built from content/ and site_config.yml
# in a Python stage, served by Debian's nginx (with its brotli static module) with the
# configuration moinext generates: the same server and configuration `make test` checks.
#
#   docker build -t moinext-site .
#   docker run --rm -p 8080:8080 moinext-site        # then open http://localhost:8080/
#
# nginx runs as www-data (never root) and writes only under /tmp, so the container also runs
# locked down: docker run --read-only --tmpfs /tmp --cap-drop ALL --security-opt no-new-privileges
#
# Rebuild the image after content changes. To build from another content folder, mount it over
# /project/content in the build stage or copy it in place of content/ before `docker build`.
# The base images are named by tag: pin them by digest (FROM image@sha256:…) in your registry's
# copy when you mirror them, so a rebuild takes the same bytes.

FROM python:3.11-slim-bookworm AS build
WORKDIR /project
ENV PIP_NO_CACHE_DIR=1 PIP_DISABLE_PIP_VERSION_CHECK=1
COPY pyproject.toml constraints.txt README.md ./
COPY generator ./generator
COPY theme ./theme
RUN pip install --constraint constraints.txt .
COPY content ./content
COPY site_config.yml ./
RUN moinext build --out /srv/site \
 && moinext server-config --root /srv/moinext/current --listen 8080 > /srv/moinext-site.conf \
 && moinext server-config --main /etc/nginx/moinext-site.conf --runtime-dir /tmp/nginx > /srv/nginx.conf

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default
COPY --from=build /srv/site /srv/moinext/current
COPY --from=build /srv/moinext-site.conf /etc/nginx/moinext-site.conf
COPY --from=build /srv/nginx.conf /etc/nginx/nginx.conf
USER www-data
EXPOSE 8080
STOPSIGNAL SIGQUIT
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3 && head -n 1 <&3 | grep -q ' 200 '"]
# The runtime folder must exist before nginx starts: /tmp may be a fresh tmpfs.
CMD ["bash", "-c", "mkdir -p /tmp/nginx && exec nginx -c /etc/nginx/nginx.conf -g 'daemon off;'"]
