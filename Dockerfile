# The site in a container, for offices without Python: built from content/ and site_config.yml
# in a Python stage, served by Debian's nginx (with its brotli static module) with the
# configuration moinext generates: the same server and configuration `make test` checks.
#
#   docker build -t moinext-site .
#   docker run --rm -p 8080:8080 moinext-site        # then open http://localhost:8080/
#
# Rebuild the image after content changes. To build from another content folder, mount it over
# /project/content in the build stage or copy it in place of content/ before `docker build`.

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
 && moinext server-config --root /srv/moinext/current --listen 8080 > /srv/moinext.conf

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends nginx libnginx-mod-http-brotli-static \
 && rm -rf /var/lib/apt/lists/* /etc/nginx/sites-enabled/default \
 && ln -sf /dev/stdout /var/log/nginx/access.log \
 && ln -sf /dev/stderr /var/log/nginx/error.log
COPY --from=build /srv/site /srv/moinext/current
COPY --from=build /srv/moinext.conf /etc/nginx/sites-enabled/moinext.conf
EXPOSE 8080
STOPSIGNAL SIGQUIT
CMD ["nginx", "-g", "daemon off;"]
