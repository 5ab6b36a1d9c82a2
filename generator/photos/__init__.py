"""Photos: checked from their headers (inspect), re-encoded from pixels without metadata (encode),
cached by content hash (cache), processed on every core (process)."""

from functools import cache


@cache
def read_heif() -> None:
    """Teach Pillow to read (and write) HEIC, which iPhones save by default (the web variants are
    still written as JPEG and WebP). Called before a photo is opened, in every process that opens
    one: registered at import, it was 20 ms of every command's start, photos or none."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
