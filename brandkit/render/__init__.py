"""Pure renderers: model in, ``{output path: bytes}`` out. Nothing here touches the disk."""
