"""Every bound on input, in one place. The README's table of limits quotes these numbers
(tests/test_hostile.py checks that it does).

Hundreds of offices commit to one repository; one careless or hostile file must not stop
everyone's build, so every input has a size, a depth and (through these) a time bound.
"""

from __future__ import annotations

# Bytes of a write-up (index.md): about 65,000 Thai characters, some thirty printed pages.
# Rendering is linear (markdown-it), so this also bounds the time a body takes (~3 s worst case).
STORY_FILE_BYTES = 200_000
# Bytes of offices.yml and site_config.yml (the registry of every office in the country fits in
# a tenth of this).
DATA_FILE_BYTES = 2_000_000
# Nesting levels of YAML (write-ups need two or three; libyaml recurses once per level).
YAML_DEPTH = 20
# A file or folder name under content/, in UTF-8 bytes (a Thai letter takes three): the web
# variants of a photo add a suffix, and file systems stop at 255.
NAME_BYTES = 120
# A story's folder name as proposed from its title (by `moinext new` and the web editor): cut at a
# word's end within both bounds (40 Thai letters; 60 Latin ones).
SLUG_CHARS = 60
SLUG_BYTES = NAME_BYTES

# Characters of front-matter text.
TITLE_CHARS = 200
SUMMARY_CHARS = 300
ALT_CHARS = 300
CAPTION_CHARS = 500
TAG_CHARS = 60
INDICATOR_CHARS = 200
UNIT_CHARS = 40
NAME_CHARS = 200  # an office's name in offices.yml

# The largest figure a result may give, either sign: a thousand trillion baht or people is past
# any budget the country has, and keeps every change and chart width finite.
RESULT_MAGNITUDE = 1_000_000_000_000_000

# Entries in a write-up's lists.
PHOTOS_PER_STORY = 60
TAGS_PER_STORY = 30
RESULTS_PER_STORY = 30
ALIASES_PER_STORY = 10

# content/synonyms.yml
SYNONYM_GROUPS = 2000
SYNONYMS_PER_GROUP = 12
SYNONYM_CHARS = 100
NARROWER_TERMS = 40  # narrower terms under one broader term (synonyms.yml `broader`)

# Scans of a progressive JPEG. Cameras and editors write at most about a dozen; each scan is
# decoded over the whole picture, so a file with thousands takes minutes to decode.
JPEG_SCANS = 100

# The site's logo (appearance.logo in site_config.yml), a file in content/.
LOGO_FILE_BYTES = 200_000
