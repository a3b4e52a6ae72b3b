"""What one render keeps for the next, so a watch rebuild redoes only what a change touched.

A plain ``brandkit build`` renders without one. ``build.Builder`` (used by ``watch`` and
``serve``) keeps a ``RenderCache`` between builds: the last good outputs, and for every
site page and every extra renderer (card, event kit) what it read besides the templates
— which profile fields (in which language), the portfolio list, one portfolio item, an
image's size, another output (``r.files[…]``). A page or extra renderer whose reads did
not change is not run again; its last outputs are reused. So an extra renderer reads its
inputs through the Renderer (``r.site``, ``r.files``, ``r.image_size``), never straight
from the disk. A site page also keeps the ``Page`` it was rendered for (its title,
description and links are worked out before it renders): a different one renders it.

Read tokens: ``profile:<field>`` (a top-level field of the profile, all of it),
``profile:<field>@<lang>`` (a text field as shown in one language: ``Text.pick``),
``profile:<field>[<lang>]`` (one language's entry of a text field, or ``[*]``),
``profile:<field>?`` (whether a text field is set); for a list of records (``events``,
``strengths``…) ``profile:<field>#`` (its length) and ``profile:<field>[<i>]:<field>…``
(what is read of one of them); the same for a portfolio item's
fields, ``item:<slug>:<field>…`` (and ``item:<slug>``, the whole item); ``portfolio``
(which items, in which order); ``file:<site-relative path>`` (an image whose size was
read) and ``out:<output path>`` (an output inlined into the page, e.g. the stylesheet in
``404.html``). A change of ``lang``, ``brand`` or ``site`` (which every output depends on
through the Renderer: languages, colours and theme, addresses) renders everything, as
does a template change.
"""

from __future__ import annotations

from dataclasses import field, fields
from typing import Any, Callable, TypeVar

from brandkit.profile.model import LANGS, Text
from brandkit.record import record

T = TypeVar("T")
MEMO_LIMIT = 256
# Profile fields every output depends on through the Renderer itself: the languages,
# the brand (colours, theme, font) and the site's address.
GLOBAL_FIELDS = frozenset({"lang", "brand", "site"})
TEXT_KEYS = (*LANGS, "*")  # the keys a text may have ("*": one text for every language)


def profile_changes(old: Any, new: Any) -> set[str] | None:
    """The read tokens an edit from profile ``old`` to ``new`` changed; None when every
    output must render again."""
    if any(getattr(old, name) != getattr(new, name) for name in GLOBAL_FIELDS):
        return None
    return record_changes(old, new, "profile:")


def record_changes(old: Any, new: Any, prefix: str) -> set[str]:
    """The read tokens (``<prefix><field>``…) an edit from ``old`` to ``new`` changed."""
    changed: set[str] = set()
    if old == new:
        return changed
    for f in fields(new):
        before, after = getattr(old, f.name), getattr(new, f.name)
        if before == after:
            continue
        token = prefix + f.name
        changed.add(token)
        if isinstance(before, list) and isinstance(after, list):  # element by element
            if len(before) != len(after):
                changed.add(token + "#")  # noted by whoever went through the list
            for i, (a, b) in enumerate(zip(before, after)):
                if a != b and type(a) is type(b) and hasattr(type(a), "__dataclass_fields__"):
                    changed |= record_changes(a, b, f"{token}[{i}]:")
                elif a != b:  # not a list of records: never read element by element
                    changed.add(token + "#")
        elif isinstance(before, list) or isinstance(after, list):
            changed.add(token + "#")
        if isinstance(before, Text) and isinstance(after, Text):
            changed.update(f"{token}@{lang}" for lang in LANGS
                           if before.pick(lang) != after.pick(lang))
            changed.update(f"{token}[{key}]" for key in TEXT_KEYS
                           if before.get(key) != after.get(key))
            if bool(before) != bool(after):
                changed.add(token + "?")
        elif isinstance(before, Text) or isinstance(after, Text):  # set or unset
            changed.add(token + "?")
            changed.update(f"{token}@{lang}" for lang in LANGS)
            changed.update(f"{token}[{key}]" for key in TEXT_KEYS)
    return changed


@record
class RenderCache:
    files: dict[str, bytes] = field(default_factory=dict)  # the last good outputs
    reads: dict[str, frozenset[str]] = field(default_factory=dict)  # page path → its reads
    # page path → (template, Page): what the page was rendered from besides its reads
    pages: dict[str, tuple[str, Any]] = field(default_factory=dict)
    # A unit of an output renderer (``Renderer.unit``; "extra:<module:function>" for a
    # whole extra renderer) → (its reads, the paths it added, its sitemap entries, its args)
    extras: dict[str, tuple[frozenset[str], tuple[str, ...], tuple, tuple]] = field(
        default_factory=dict)
    # Read tokens that changed since the last good build; None renders every page.
    changed: frozenset[str] | None = None
    env: Any = None  # the Jinja environment, kept while no template changes
    env_key: Any = None
    memo: dict[Any, Any] = field(default_factory=dict)
    # Filled by the render in progress; made current by commit() once it is written.
    new_reads: dict[str, frozenset[str]] = field(default_factory=dict)
    new_pages: dict[str, tuple[str, Any]] = field(default_factory=dict)
    new_extras: dict[str, tuple[frozenset[str], tuple[str, ...], tuple, tuple]] = field(
        default_factory=dict)
    new_memo: dict[Any, Any] = field(default_factory=dict)
    rendered: list[str] = field(default_factory=list)  # pages rendered (not reused) last time

    def begin(self, changed: frozenset[str] | None) -> None:
        self.changed = changed if self.files else None
        self.new_reads, self.new_extras, self.new_memo, self.rendered = {}, {}, {}, []
        self.new_pages = {}

    def commit(self, files: dict[str, bytes]) -> None:
        """The render was written: it becomes what the next one starts from."""
        self.files, self.reads, self.extras = files, self.new_reads, self.new_extras
        self.pages = self.new_pages
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
