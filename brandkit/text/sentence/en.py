"""English: a field read for how it starts ("I …", "-ing", "to …", a noun phrase) and
said in its slot."""

from __future__ import annotations

import re

from brandkit.text.sentence.ja import NOUN
from brandkit.text.speech import sentences

SENTENCE, ING, TO, BECAUSE, PAST = "sentence", "ing", "to", "because", "past"

_EN_SUBJECT = re.compile(r"^(?:I|I'm|I’m|I've|I’d|I'd|My|We|We're|Our|It's|This)\b")
_EN_LABEL = re.compile(r"^[A-Z][A-Za-z ]{0,30}:\s+")
_EN_LEADS = re.compile(r"^(?:Today,?|Next,?|Now,?|Currently,?|In the future,?)\s+", re.IGNORECASE)


def en_core(text: str) -> str:
    text = text.strip().rstrip(".;:,! ")
    text = _EN_LABEL.sub("", text, count=1)
    return _EN_LEADS.sub("", text, count=1).strip()


def en_shape(text: str) -> str:
    core = en_core(text)
    if _EN_SUBJECT.match(core):
        return SENTENCE
    first = core.split(" ", 1)[0].lower()
    opening = re.match(r"[A-Za-z']+(?: [A-Za-z']+){0,3}, (.+)$", core)
    if opening and (re.match(r"(?:I|we|you|they|he|she|it|the|my|our)\b", opening.group(1),
                             re.IGNORECASE) and re.search(r"\s(?:is|are|was|were|can|will|"
                                                          r"have|had|do|did)\s", opening.group(1))
                    or _EN_SUBJECT.match(opening.group(1))):
        return SENTENCE  # "Looking back, the adults … were …", "To start with, I can come …"
    if first == "to":
        return TO
    if first in ("because", "since"):
        return BECAUSE
    if re.match(r"(?:It|Its|This|That|These|Those|Their|His|Her)\s", core) and re.search(
            r"\s(?:is|are|was|were|has|have|had)\s", core):
        return SENTENCE  # "Its idea of the bottleneck is the base of every proposal I make"
    if re.match(r"(?:What|The|One|Each|Every|Most|Some)\s", core) and re.search(
            r"\s(?:is|are|was|were)\s", core):
        return SENTENCE  # "What stayed with me most is systems thinking"
    if re.search(r"(?:^|[,;]\s*)(?:I|we)(?:'m|’m| am| have|'ve| was| will)?\s", core) or \
            re.match(r"(?:As|When|After|Since|While|Before)\b[^,]*\bI\s+[a-z]", core):
        return SENTENCE  # "As product manager of Manabi AI, I am running pilots…"
    if first.endswith("ed") and len(first) > 4 and first not in ("seed", "speed", "need"):
        return PAST  # résumé shorthand: "Moved to sales engineering in 2020"
    if first.endswith("ing") and len(first) > 4 and first not in ("training", "thing", "spring"):
        return ING
    return NOUN


def en_unsayable(text: str) -> bool:
    """True when ``text`` stops mid-phrase: on "and", a preposition or "…"."""
    return bool(re.search(r"(?:\b(?:and|or|of|to|for|with|in|on|at|the|a)|…|\.\.\.)\s*$",
                          text.strip(), re.IGNORECASE))


def lower_first(text: str) -> str:
    """"Teachers, researchers…" → "teachers, researchers…"; "I", "AI tools", "EdTech"
    and other names keep their capitals."""
    if re.match(r"An? ", text):
        return text[0].lower() + text[1:]
    word = re.match(r"[A-Za-z]+", text)
    if not word or len(word.group()) < 2 or not word.group()[1:].islower() or word.group() == "I":
        return text
    return text[0].lower() + text[1:]


def article(noun: str) -> str:
    """ "a" or "an" before ``noun``, by how it is said (an AI tutor, a user, an SE)."""
    word = noun.split(" ", 1)[0]
    if word.isupper() and len(word) > 1:
        return "an" if word[0] in "AEFHILMNORSX" else "a"
    low = word.lower()
    if low.startswith(("uni", "use", "usu", "eu", "one")):
        return "a"
    return "an" if low[:1] in "aeiou" or low.startswith("hour") else "a"


def en_end(text: str) -> str:
    """``text`` ending as a sentence: a quotation at the end still needs its full stop
    (say "I don't get it". — the quote's own "?" or "." is enough)."""
    text = text.strip().rstrip(",;:")
    if not text or text.endswith((".", "!", "?")):
        return text
    if text.endswith(("\"", "”", ")", "’")) and text[-2:-1] in (".", "!", "?"):
        return text
    return text + "."


def _said(text: str) -> str:
    """A sentence the user wrote, as is (its first letter kept)."""
    return en_end(en_core(text))


def _has_article(core: str) -> bool:
    return bool(re.match(r"(?:a|an|the|my|our)\s", core, re.IGNORECASE))


def en_now(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        return _said(text)
    if shape == PAST:
        return en_end(f"I {lower_first(core)}")
    if shape == ING:
        return en_end(f"I'm currently {lower_first(core)}")
    if shape == TO:
        return en_end(f"My work is {lower_first(core)}")
    if shape == BECAUSE:
        return en_end(f"I do what I do {lower_first(core)}")
    if en_is_role(core):
        low = lower_first(core)
        return en_end(f"I'm {low}" if _has_article(core) else f"I'm {article(low)} {low}")
    return en_end(f"I work on {lower_first(core)}")


_EN_ROLE = re.compile(r"(?:er|or|ist|ant|ian|ect|manager|lead|head|founder|owner|chief|"
                      r"officer|analyst|partner|nurse|student|coach|chef|parent)$", re.IGNORECASE)


def en_is_role(noun: str) -> bool:
    """A noun phrase that names a job ("sales engineer for factory automation")."""
    head = re.split(r"\s+(?:for|at|of|in|with|on|by)\s+", noun, maxsplit=1)[0].strip()
    last = head.split()[-1] if head.split() else ""
    return bool(_EN_ROLE.search(last)) and not last.lower().endswith(("ers", "ors"))


_YEARS = re.compile(r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                    r"fifteen|twenty|thirty|a few|several|many)\+? years? (in|as|at|of|on|with)\s",
                    re.IGNORECASE)
_FROM = re.compile(r"(?:From|Within|Across|Over|Through|In under|In as little as)\s")


_VERBS = frozenset(["is", "are", "was", "were", "has", "have", "had", "do", "does",
                   "did", "can", "will", "would", "tell", "tells", "told", "teach",
                   "teaches", "taught", "show", "shows", "showed", "give", "gives",
                   "gave", "make", "makes", "made", "mean", "means", "meant", "help",
                   "helps", "let", "lets", "lead", "leads", "led", "bring", "brings",
                   "brought", "become", "became", "keep", "keeps", "kept"])


def _has_verb(text: str) -> bool:
    """Whether the words before the first comma hold a verb ("Seven years of teaching tell
    me …" is a sentence already). Errs towards yes: a sentence is then left as written."""
    words = re.findall(r"[a-z']+", text.split(",", 1)[0].lower())[1:]
    return any(w in _VERBS or (w.endswith("ed") and len(w) > 4) for w in words)


def en_rest(text: str) -> str:
    """A later sentence of a field: a full sentence as it is, shorthand given its "I"."""
    if en_unsayable(text) or not en_core(text):
        return ""
    shape, core = en_shape(text), en_core(text)
    if shape == ING:  # "Supporting 40 makers a year." → "I'm supporting 40 makers a year."
        return en_end(f"I'm {lower_first(core)}")
    years = _YEARS.match(core) if shape == NOUN and not _has_verb(core) else None
    if years:
        # Résumé shorthand read aloud has no subject: "Eight years in maintenance, then…"
        # → "I spent eight years in maintenance, then…"; "7 years of teaching" → "I have …".
        verb = "have" if years.group(1).lower() == "of" else "spent"
        return en_end(f"I {verb} {lower_first(core)}")
    if shape == NOUN and re.match(r"An? ", core) and en_is_role(core.split(",", 1)[0]):
        # "A former nurse, now designing apps…" → "I'm a former nurse, now designing apps…"
        return en_end(f"I'm {lower_first(core)}")
    if shape == NOUN and _FROM.match(core):
        # "From order to running line in six weeks." → "That's from order to … six weeks."
        return en_end(f"That's {lower_first(core)}")
    return _said(text) if shape in (SENTENCE, NOUN) else en_now(text)


def en_offer_detail(text: str) -> str:
    """An offer's detail as its own sentence: "Free 30-minute chats on …" → "I offer free
    30-minute chats on …"."""
    if en_unsayable(text) or not en_core(text):
        return ""
    shape = en_shape(text)
    if shape == NOUN:
        return en_end(f"I offer {lower_first(en_core(text))}")
    return en_rest(text)


def en_book_why(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape in (SENTENCE, PAST):
        return en_now(text)
    if shape in (TO, BECAUSE):
        return en_end(f"I chose it {lower_first(core)}")
    return en_end(f"What drew me to it was {lower_first(core)}")


def en_motive(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape in (SENTENCE, PAST):
        return en_now(text)
    if shape in (TO, BECAUSE):
        return en_end(f"I joined {lower_first(core)}")
    if shape == ING:
        return en_end(f"I love {lower_first(core)}")
    return en_end(f"What draws me here is {lower_first(core)}")


def en_why(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == PAST:
        return en_end(f"I came today because I {lower_first(core)}")
    if shape == SENTENCE:
        if re.match(r"I(?:'d like| want| would like| hope)\b", core):
            return en_end(f"I'm here today because {core}")
        return _said(text)
    if shape in (TO, BECAUSE):
        return en_end(f"I'm here today {lower_first(core)}")
    return en_end(f"I came today because I'm interested in {lower_first(core)}")


def en_next(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        return en_end(f"Next, {core}" if core.startswith("I ") else core)
    if shape == TO:
        return en_end(f"Next, I want {lower_first(core)}")
    if shape == ING:
        return en_end(f"Next, I'm looking forward to {lower_first(core)}")
    if shape == BECAUSE:
        return en_end(f"Next, I want to grow further {lower_first(core)}")
    return en_end(f"Next, I want to take on {lower_first(core)}")


def en_meet(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        said = _said(text)
    elif shape == TO:
        said = en_end(f"I'd love {lower_first(core)}")
    elif shape == ING:
        said = en_end(f"I'd love to meet people {lower_first(core)}")
    else:
        said = en_end(f"I'd love to meet {lower_first(core)}")
    return said


def en_keyword(text: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE:
        return _said(text)
    if shape == ING:
        return en_end(f"I work on {lower_first(core)}")
    if shape == TO:
        return en_end(f"My work is {lower_first(core)}")
    low = lower_first(core)
    return en_end(f"I'm {low}" if _has_article(core) else f"I'm {article(low)} {low}")


def en_closing(text: str, name: str) -> str:
    core, shape = en_core(text), en_shape(text)
    if shape == SENTENCE and re.match(r"I\s", core):
        return en_end(f"I'm {name}, and {core}")
    if shape == SENTENCE:
        return en_end(f"Again, I'm {name}")
    keyword = en_keyword(text).rstrip(".")
    if keyword.startswith("I'm "):
        return en_end(f"I'm {name}, {keyword[4:]}")
    return en_end(f"I'm {name}, and {lower_first(keyword)}")


def en_offers(titles: list[str]) -> str:
    """Offer titles joined into one sentence: "I can offer a, b and c." — sentence titles
    ("I can introduce you to…") are said on their own."""
    titles = list(dict.fromkeys(first for t in titles for first in sentences(t)[:1]))  # a title is one phrase
    nouns = [lower_first(en_core(t)) for t in titles if en_shape(t) in (NOUN, ING)]
    said = [_said(t) for t in titles if en_shape(t) not in (NOUN, ING)]
    out = []
    if nouns:
        joined = nouns[0] if len(nouns) == 1 else ", ".join(nouns[:-1]) + " and " + nouns[-1]
        out.append(en_end(f"I can offer {joined}"))
    out += [s if s.startswith(("I", "My", "We")) else en_end(f"I can also help with "
                                                             f"{lower_first(s.rstrip('.'))}")
            for s in said]
    return " ".join(out)


def en_role(role: str) -> str:
    """A job title as said after "a": "Product Manager, AI Learning" → "product manager"."""
    head = role.split(",", 1)[0].strip()
    words = [w if (w.isupper() or not w[1:].islower()) else w.lower() for w in head.split()]
    return " ".join(words)


def en_takeaway(text: str) -> str:
    """What the book gave you: a sentence as it is, a noun phrase "What I took from it is
    …", "-ing" "It got me …", a reason as why I chose it."""
    core, shape = en_core(text), en_shape(text)
    if shape in (SENTENCE, PAST):
        return en_now(text)
    if shape == ING:
        return en_end(f"It got me {lower_first(core)}")
    if shape in (TO, BECAUSE):
        return en_book_why(text)  # a reason is why I chose it: said as one
    return en_end(f"What I took from it is {lower_first(core)}")
