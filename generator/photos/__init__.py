"""Photos: checked from their headers (inspect), re-encoded from pixels without metadata (encode),
cached by content hash (cache), processed on every core (process)."""

# iPhones save HEIC by default; pillow-heif teaches Pillow to read it (the web variants are still
# written as JPEG and WebP). Registered here, so every process that handles photos can read them.
from pillow_heif import register_heif_opener

register_heif_opener()
