"""brandkit.record: ``@record`` behaves like ``@dataclass`` where brandkit relies on it."""

from __future__ import annotations

import dataclasses
from dataclasses import field

import pytest
from hypothesis import given
from hypothesis import strategies as st

from brandkit.record import record


@record
class Item:
    """A thing with a title."""

    title: str
    tags: list[str] = field(default_factory=list)
    note: str | None = None


@record
class Special(Item):
    level: int = 1


@record(frozen=True)
class Point:
    x: float
    y: float = 0.0


@record
class Checked:
    value: int

    def __post_init__(self) -> None:
        if self.value < 0:
            raise ValueError("negative")


@dataclasses.dataclass
class Reference:
    title: str
    tags: list[str] = field(default_factory=list)
    note: str | None = None


def test_arguments_defaults_and_factories() -> None:
    a, b = Item("a"), Item(title="b", note="n")
    assert (a.title, a.tags, a.note) == ("a", [], None)
    assert (b.title, b.note) == ("b", "n")
    a.tags.append("x")
    assert Item("c").tags == []  # a fresh list each time, as default_factory promises
    assert Special("s", ["t"], None, 3).level == 3


def test_argument_mistakes_are_type_errors() -> None:
    with pytest.raises(TypeError, match="missing required argument: 'title'"):
        Item()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword argument 'colour'"):
        Item("a", colour="red")  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="positional"):
        Item("a", [], None, "extra")  # type: ignore[call-arg]


def test_equality_repr_and_hash_match_dataclass() -> None:
    assert Item("a", ["x"]) == Item("a", ["x"]) and Item("a") != Item("b")
    assert Item("a") != Special("a")  # another class is never equal, as with dataclass
    assert repr(Item("a", ["x"])) == repr(Reference("a", ["x"])).replace("Reference", "Item")
    assert Item.__hash__ is None  # mutable and compared: unhashable, like dataclass(eq=True)
    assert hash(Point(1, 2)) == hash(Point(1, 2)) and {Point(1, 2), Point(1, 2)} == {Point(1, 2)}


def test_frozen_refuses_changes() -> None:
    p = Point(1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        p.x = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del p.y  # type: ignore[misc]


def test_post_init_fields_and_replace() -> None:
    with pytest.raises(ValueError):
        Checked(-1)
    assert [f.name for f in dataclasses.fields(Special)] == ["title", "tags", "note", "level"]
    assert dataclasses.replace(Point(1, 2), y=5) == Point(1, 5)
    assert dataclasses.is_dataclass(Item("a"))
    assert Item.__doc__ == "A thing with a title." and Point.__doc__ is None


@given(st.text(), st.lists(st.text()), st.none() | st.text())
def test_same_as_a_dataclass(title: str, tags: list[str], note: str | None) -> None:
    ours, theirs = Item(title, tags, note=note), Reference(title, tags, note=note)
    assert dataclasses.asdict(ours) == dataclasses.asdict(theirs)
    assert (ours == Item(title, list(tags), note)) is (theirs == Reference(title, list(tags), note))
