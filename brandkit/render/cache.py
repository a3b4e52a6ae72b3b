"""What one render keeps for the next, so a watch rebuild redoes only what a change touched.

A plain ``brandkit build`` renders without one. ``build.Builder`` (used by ``watch`` and
``serve``) keeps a ``RenderCache`` between builds: the last good outputs, and for every
site page and every extra renderer (card, event kit) what it read besides the profile
and the templates — the portfolio list, one portfolio item, an image's size, another
output (``r.files[…]``). A page or extra renderer whose reads did not change is not run
again; its last outputs are reused. So an extra renderer reads its inputs through the
Renderer (``r.site``, ``r.files``, ``r.image_size``), never straight from the disk.

Read tokens: ``portfolio`` (the list, or anything seen through it), ``item:<slug>``,
``file:<site-relative path>`` (an image whose size was read) and ``out:<output path>``
(an output inlined into the page, e.g. the stylesheet in ``404.html``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, TypeVar

T = TypeVar("T")
MEMO_LIMIT = 256


@dataclass
class RenderCache:
    files: dict[str, bytes] = field(default_factory=dict)  # the last good outputs
    reads: dict[str, frozenset[str]] = field(default_factory=dict)  # page path → its reads
    # "extra:<module:function>" → (its reads, the paths it added, its sitemap entries)
    extras: dict[str, tuple[frozenset[str], tuple[str, ...], tuple]] = field(default_factory=dict)
    # Read tokens that changed since the last good build; None renders every page.
    changed: frozenset[str] | None = None
    env: Any = None  # the Jinja environment, kept while no template changes
    env_key: Any = None
    memo: dict[Any, Any] = field(default_factory=dict)
    # Filled by the render in progress; made current by commit() once it is written.
    new_reads: dict[str, frozenset[str]] = field(default_factory=dict)
    new_extras: dict[str, tuple[frozenset[str], tuple[str, ...], tuple]] = field(default_factory=dict)
    new_memo: dict[Any, Any] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)  # pages rendered (not reused) last time

    def begin(self, changed: frozenset[str] | None) -> None:
        self.changed = changed if self.files else None
        self.new_reads, self.new_extras, self.new_memo, self.rendered = {}, {}, {}, []

    def commit(self, files: dict[str, bytes]) -> None:
        """The render was written: it becomes what the next one starts from."""
        self.files, self.reads, self.extras = files, self.new_reads, self.new_extras
        # A reused extra renderer asked for nothing, yet will again: keep older values too,
        # the most recent first, up to a bound.
        merged = {k: v for k, v in self.memo.items() if k not in self.new_memo}
        merged.update(self.new_memo)  # the newest last
        self.memo = dict(list(merged.items())[-MEMO_LIMIT:])

    def remember(self, key: Any, compute: Callable[[], T]) -> T:
        """``compute()``, or its result from the last good build for the same ``key``.

        At most ``MEMO_LIMIT`` values are kept, those asked for most recently.
        """
        if key in self.new_memo:
            return self.new_memo[key]
        value = self.memo[key] if key in self.memo else compute()
        self.new_memo[key] = value
        return value
