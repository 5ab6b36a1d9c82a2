"""The site configuration (site_config.yml): appearance, photos, contact, publishing targets and the
web editor."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    Field,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .fields import Date, PlainText, StrictModel, Text


class PhotoSettings(StrictModel):
    max_megapixels: float = Field(default=40, gt=0, description="Photos with more pixels are refused")
    max_file_mb: float = Field(default=20, gt=0, description="Photo files larger than this are refused")
    large: int = Field(default=1600, ge=320, description="Longest side of the large variant, px")
    medium: int = Field(default=960, ge=160)
    small: int = Field(default=720, ge=120, description="Longest side of the phone-sized AVIF and WebP, px")
    thumb: int = Field(default=480, ge=80)
    mini: int = Field(default=240, ge=60, description="Longest side of a list's small photo on a phone, px")
    jpeg_quality: int = Field(default=82, ge=30, le=95)
    webp_quality: int = Field(default=78, ge=30, le=95)
    avif_quality: int = Field(default=50, ge=20, le=95)


# Material for MkDocs' colour names (its palette.primary and palette.accent).
MaterialColour = Literal[
    "red", "pink", "purple", "deep-purple", "indigo", "blue", "light-blue", "cyan", "teal", "green",
    "light-green", "lime", "yellow", "amber", "orange", "deep-orange", "brown", "grey", "blue-grey", "black", "white",
]  # fmt: skip


LOGO_EXTENSIONS = (".svg", ".png", ".webp")


def _logo_file(value: str) -> str:
    value = value.strip()
    if "/" in value or "\\" in value or value.startswith(".") or not value.lower().endswith(LOGO_EXTENSIONS):
        raise PydanticCustomError("config.logo_name", "bad logo name", {"value": value})
    return value


class AppearanceSettings(StrictModel):
    primary: MaterialColour = Field(default="indigo", description="The header's colour")
    accent: MaterialColour = Field(default="amber", description="Links and highlights")
    logo: Annotated[str, AfterValidator(_logo_file)] | None = Field(
        default=None, description="A file in content/ (.svg, .png or .webp, at most 200 KB) shown in the header"
    )


class HomeSettings(StrictModel):
    featured: int = Field(default=3, ge=0, le=12)
    latest: int = Field(default=9, ge=0, le=48)


_EMAIL = r"^[^@\s]+@[^@\s]+\.[^@\s]+$"


class ContactSettings(StrictModel):
    """The unit responsible for the site, as a Thai government site must say (DGA's website
    standard): shown in every page's footer, on the contact page, and as the takedown contact."""

    unit: Text = Field(default="กองสารนิเทศ สำนักงานปลัดกระทรวงมหาดไทย", description="The unit responsible for the site")
    address: PlainText = Field(
        default="กระทรวงมหาดไทย ถนนอัษฎางค์ แขวงวังบูรพาภิรมย์ เขตพระนคร กรุงเทพมหานคร 10200",
        description="Its postal address",
    )
    phone: PlainText | None = Field(default=None, description="Its telephone number, as people dial it")
    email: str | None = Field(default=None, pattern=_EMAIL, description="Its e-mail address (also for takedowns)")
    complaints: PlainText = Field(
        default="ศูนย์ดำรงธรรม กระทรวงมหาดไทย สายด่วน 1567",
        description="The complaint channel the public is pointed to",
    )


class ReportingSettings(StrictModel):
    required_from: Date | None = Field(
        default=None,
        description="From this date every write-up names who reported it (reported_by); older ones may not",
    )


class OverviewSettings(StrictModel):
    show_offices_without_stories: bool = Field(
        default=False,
        description="List the offices without stories on the public overview page (a PR decision: off by default)",
    )


_BUCKET = r"^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$"


# Each folder a plain name, not starting with "." (no "..": keys "../index.html" would leave the
# prefix, and no hidden folder).
_KEY_PREFIX = r"^(?:[A-Za-z0-9_-][A-Za-z0-9._-]*/)*$"


_WEB_ADDRESS = r"^https?://"


_REGION = r"^[a-z0-9-]+$"


# No part starts with "-": ssh would read "-Jhost:/srv" as an option (a jump through host).
_DESTINATION = r"^(?:[A-Za-z0-9._][A-Za-z0-9._-]*@)?(?:[A-Za-z0-9.][A-Za-z0-9.-]*:)?/[^\s;&|`$'\"]*$"


_TARGET_NAME = r"^[a-z0-9][a-z0-9_-]*$"


# What a value of each pattern must look like, said in words (a hint of problems/catalogue.py):
# a message quoting the regular expression helped no one.
PATTERN_SHAPES: dict[str, str] = {
    _BUCKET: "shape.bucket",
    _KEY_PREFIX: "shape.key_prefix",
    _WEB_ADDRESS: "shape.web_address",
    _REGION: "shape.region",
    _DESTINATION: "shape.destination",
    _TARGET_NAME: "shape.target_name",
}


class S3Records(StrictModel):
    """Where moinext keeps a target's records (release manifests, state, lock, the copies rollback
    restores): somewhere the public cannot read, so a withdrawn story is not kept readable."""

    bucket: str | None = Field(default=None, pattern=_BUCKET, description="A private bucket; empty: the site's")
    prefix: str = Field(pattern=_KEY_PREFIX, min_length=1, description="A folder for the records, ending in /")


class S3Target(StrictModel):
    """A bucket of S3 or S3-compatible object storage. Credentials come from the environment only
    (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or an AWS profile), never from this file."""

    kind: Literal["s3"]
    bucket: str = Field(pattern=_BUCKET, description="The bucket's name")
    prefix: str = Field(
        default="", pattern=_KEY_PREFIX, description="A folder in the bucket, ending in /; empty: its root"
    )
    endpoint_url: str | None = Field(
        default=None, pattern=_WEB_ADDRESS, description="For S3-compatible storage: its address; empty: Amazon S3"
    )
    region: str | None = Field(default=None, pattern=_REGION, description="e.g. ap-southeast-1")
    content_encoding: Literal["auto", "gzip", "none"] = Field(
        default="auto",
        description=(
            "gzip: text files stored compressed with Content-Encoding: gzip (a fifth of the bytes; every "
            "browser reads it); auto: so if the server keeps the header, else as built; none: as built"
        ),
    )
    records: S3Records | None = Field(
        default=None,
        description="Where the records are kept; empty: <prefix>.moinext/ beside the site, readable if the site is",
    )

    @model_validator(mode="after")
    def _records_apart(self) -> S3Target:
        # Records inside the site's folder would be taken for site files (and removed by
        # `publish --verify`); the site inside the records' folder likewise.
        if self.records and (self.records.bucket or self.bucket) == self.bucket:
            a, b = self.prefix, self.records.prefix
            if a.startswith(b) or b.startswith(a):
                raise PydanticCustomError(
                    "publish.records_overlap",
                    "records prefix overlaps the site's",
                    {"records": b, "site": a or "(the bucket's root)"},
                )
        return self


class RsyncTarget(StrictModel):
    """A folder on a web server, over rsync and SSH (keys from the SSH agent or ~/.ssh, never here).
    Each release is a folder under releases/, and `current` links to the live one."""

    kind: Literal["rsync"]
    destination: str = Field(
        pattern=_DESTINATION,
        description="user@host:/srv/moinext, or /srv/moinext on this machine",
    )
    ssh_port: int | None = Field(default=None, ge=1, le=65535)


PublishTarget = Annotated[S3Target | RsyncTarget, Field(discriminator="kind")]


class PublishSettings(StrictModel):
    keep_releases: int = Field(default=5, ge=2, le=50, description="Releases kept for `moinext rollback`")
    targets: dict[Annotated[str, Field(pattern=_TARGET_NAME)], PublishTarget] = Field(
        default_factory=dict, description="Where `moinext publish NAME` puts the site"
    )


_REPO = r"^[A-Za-z0-9_.-]+(?:/[A-Za-z0-9_.-]+)+$"


class EditorSettings(StrictModel):
    """The web editor for offices (`moinext editor`): Decap CMS, committing to the repository of
    content through the host's API, each story a pull (merge) request the PR team reviews."""

    backend: Literal["github", "gitlab", "gitea"] = Field(description="The host of the content's repository")
    repo: str = Field(pattern=_REPO, description="owner/name of the repository (GitLab: group/subgroup/name)")
    branch: str = Field(default="main", pattern=r"^[A-Za-z0-9._/-]+$", description="The branch the site is built from")
    api_root: str | None = Field(
        default=None, pattern=_WEB_ADDRESS, description="The API of a self-hosted GitLab or Gitea (…/api/v4, …/api/v1)"
    )
    base_url: str | None = Field(
        default=None, pattern=_WEB_ADDRESS, description="The OAuth server offices log in through (GitHub, Gitea)"
    )
    auth_endpoint: str | None = Field(default=None, description="Its path, when not the default")
    app_id: str | None = Field(default=None, description="The OAuth application's client id (GitLab, Gitea)")
    review_branch: str = Field(
        default="office-stories",
        pattern=r"^[A-Za-z0-9._/-]+$",
        description="Gitea and Forgejo only (Decap has no per-story review there): the branch stories are saved "
        "to, which the PR team merges into branch through one pull request",
    )
    out: str = Field(
        default="editor-site",
        pattern=r"^[^\x00]+$",
        description="Where `moinext build` and `moinext editor` write it, relative to site_config.yml",
    )
    local_backend: str = Field(
        default="http://localhost:8081/api/v1",
        pattern=_WEB_ADDRESS,
        description="decap-server on the same computer, used when the editor is opened from localhost",
    )


class SiteConfig(StrictModel):
    site_name: Text = "MOI Next – Change for Good"
    site_name_th: Text = Field(
        default="ก้าวต่อไป มท. เปลี่ยนแปลงสู่สิ่งที่ดีขึ้น", description="The site's Thai name, the home page's title"
    )
    site_description: PlainText = "เรื่องเล่าความสำเร็จของหน่วยงานในสังกัดกระทรวงมหาดไทย"
    site_url: str | None = Field(default=None, pattern=_WEB_ADDRESS)
    language: Literal["th", "en"] = "th"
    messages_lang: Literal["th", "en"] | None = Field(
        default=None, description="Language of `moinext check` messages; default from the environment"
    )
    copyright: PlainText = "กระทรวงมหาดไทย"
    cache_dir: str = Field(default=".moinext-cache", description="Processed photos are kept here")
    contact: ContactSettings = Field(default_factory=ContactSettings)
    reporting: ReportingSettings = Field(default_factory=ReportingSettings)
    home: HomeSettings = Field(default_factory=HomeSettings)
    overview: OverviewSettings = Field(default_factory=OverviewSettings)
    appearance: AppearanceSettings = Field(default_factory=AppearanceSettings)
    photos: PhotoSettings = Field(default_factory=PhotoSettings)
    publish: PublishSettings = Field(default_factory=PublishSettings)
    editor: EditorSettings | None = Field(default=None, description="The web editor for offices (moinext editor)")
