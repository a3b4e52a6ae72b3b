"""Pure text helpers: Markdown rendering, Japanese line breaks and colour contrast."""
