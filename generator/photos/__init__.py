"""Photos: checked from their headers (inspect), re-encoded from pixels without metadata (encode),
cached by content hash (cache), processed on every core (process)."""
