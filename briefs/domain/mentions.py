"""
Names a brief's text gives that the database may not know yet, and the
nationality counts it states.

No language model: the text is English prose (names in Hungarian or another
script pass unseen), and a name is what English capitalises. In a sentence,
runs of capitalised words (joined by "of", "the", "von" …) are read as
pieces:

- a state: its name or another of its names ("Russian Federation",
  "U.S."), or the word for its people ("two Latvians", "Belarusian
  authorities"), from ``briefs.domain.states``;
- a group of states ("the Baltic countries");
- an organisation: a run holding a word such as Union, Party, House,
  Ministry or Office ("European Union", "White House", "Office of the
  President of Ukraine"), or an acronym ("NATO"; "EU" is the European
  Union's when the text names it);
- a person: two or three capitalised words that are none of the above, once
  titles ("President", "Foreign Minister") and the words that open a
  sentence ("Officially", "In") are set aside; a surname alone
  ("Kellogg's", "Lukashenka") is a further mention of the person it ends.

Places that act only as places (capitals such as "Minsk", "New York",
"Europe"), months and days are never proposed. What the curator confirms
is theirs: these are proposals, each with the sentences that gave it.
"""

import re
import unicodedata
from dataclasses import dataclass, field

from briefs.domain.dates import MONTH_NAMES
from briefs.domain.states import GROUPS, STATES

TITLES = frozenset(
    """President Vice Prime Minister Ministers Deputy Foreign Special Representative
    Adviser Advisor Ambassador Chancellor Secretary Senator General Head Chairman
    Chairwoman Director Spokesperson Spokesman Envoy Commissioner Mr Mrs Ms Dr Prof
    Former Acting Chief King Queen Pope Premier Governor Mayor Speaker Leader
    Commander Colonel Lieutenant Permanent Defence Defense Interior Finance Justice
    Economy Affairs Officer Official Officials Deputies""".split()
)
ORGANISATION_WORDS = frozenset(
    """Union Party Nations Council Parliament Ministry Office Commission House Bank
    Agency Organization Organisation Institute Government Committee Court Fund
    Alliance Forum Service Services Department Administration Assembly Army Forces
    Movement Front Company Corporation Foundation Centre Center University School
    Treasury Congress Senate Cabinet Presidency Secretariat Bureau Authority Board
    Community Mission Coalition Programme Program Initiative""".split()
)
# Words that open sentences or stand capitalised without naming anyone.
NOT_NAMES = frozenset(
    """The A An In On At It Its This That These Those But And Or For With While Since
    After Before During Over Under According Against Following However Therefore Thus
    Overall Similarly Officially Ideally Regarding Through If When Although Both
    Neither Either Such Some Many Most Several He She They We I You His Her Their Our
    What Why How Who Which Can Will Would Could Should May Might Otherwise There Here
    Also Yet Still Even Only Not No Yes Then Meanwhile Instead Indeed Moreover
    Furthermore Further Finally First Second Third Last Next Another Other Each Every
    All Any Once Unlike Like Despite Beyond Among Between Within Without Towards Toward
    Upon Into From By To Of As Is Are Was Were Has Have Had Do Does Did So Let Given
    Western Eastern Northern Southern Central West East North South Sharp Military
    Kremlin Europe Asia Africa Internet Mr Mrs Ms""".split()
    + MONTH_NAMES
    + "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
)
PLACES = frozenset(
    """Minsk Moscow Kyiv Kiev Washington Budapest Beijing Brussels Warsaw Vilnius Riga
    Tallinn Berlin Paris London Rome Vienna Prague Bratislava Bucharest Sofia Belgrade
    Zagreb Ljubljana Athens Ankara Tokyo Stockholm Helsinki Oslo Copenhagen Madrid
    Lisbon Bern Geneva Strasbourg Amsterdam Tbilisi Yerevan Baku Chisinau Astana
    Tashkent Tehran Kabul Damascus Baghdad Jerusalem Delhi Kaliningrad Crimea Donbas
    Donetsk Luhansk Odesa Kharkiv Lviv Sevastopol Grodno Brest Vitebsk Gomel Mogilev""".split()
) | {"New York", "New Delhi", "The Hague", "Hague"}
PARTICLES = frozenset("of the for de von van der den da di al bin la le du".split())
PERSON_PARTICLES = frozenset("von van der den de da di al bin la le du".split())
ROMAN = re.compile(r"[IVXLC]+")
TOKEN = re.compile(r"[^\W\d_](?:[\w’'.-]*[^\W_])?")
POSSESSIVE = re.compile(r"['’]s?$")

COUNT_WORDS = {
    "a": 1,
    "an": 1,
    **{
        word: n
        for n, word in enumerate(
            "one two three four five six seven eight nine ten eleven twelve".split(), 1
        )
    },
}
HUNGARIAN_COUNT_WORDS = {
    "egy": 1, "két": 2, "kettő": 2, "három": 3, "négy": 4, "öt": 5, "hat": 6,
    "hét": 7, "nyolc": 8, "kilenc": 9, "tíz": 10,
}  # fmt: skip
PEOPLE_NOUNS = (
    r"citizens?|nationals?|prisoners?|people|persons?|detainees?|journalists?|"
    r"activists?|residents?|passport[- ]holders?|dual nationals?"
)
# Words that may follow "two Latvians" where a noun would make it an adjective
# ("an American diplomat").
FUNCTION_WORDS = (
    "and|or|but|were|was|are|is|who|which|that|in|from|to|on|at|with|among|as|had|"
    "have|has|held|remain|remained|also|all|both|freed|released|jailed|arrested"
)
HUNGARIAN_PEOPLE_NOUNS = r"állampolgár\w*|fogoly|foglyo?\w*|személy\w*|ember\w*"


# Hungarian writes a case ending onto a name: "Lukasenkónak" (to Lukashenko),
# "New Yorkban" (in New York), "Kellogg-gal" and "Dapkjunasszal" (with …),
# the name's final a, e or o lengthened before it. A stored name is found
# with any of these after it; spelt in accent-free letters, as names are
# matched (briefs.domain.proposals.plain_letters).
HUNGARIAN_ENDING = (
    r"-?(?:[bcdfghjklmnpqrstvwxz]{1,2}(?:al|el|a|e)|nak|nek|val|vel|ban|ben|bol|"
    r"rol|tol|nal|nel|hoz|hez|ert|kent|ig|on|en|ot|et|at|ok|ek|ak|t|n|e)"
)
# A new name's ending is taken off only where it cannot be the name's own
# letters: the longer endings, and a consonant doubled before "-al"/"-el".
HUNGARIAN_STRIPPED = re.compile(
    r"(?P<stem>.{3,}?)-?(?:nak|nek|val|vel|ban|ben|ból|ből|ról|ről|tól|től|nál|nél|"
    r"hoz|hez|höz|ért|ként)"
)
HUNGARIAN_DOUBLED = re.compile(
    r"(?P<stem>.{2,}(?P<last>[bcdfghjklmnpqrstvwxz]))-?(?:(?P=last)|(?<=s)sz)[ae]l"
)
UNLENGTHENED = str.maketrans("áéóő", "aeoö")


def name_ending(language):
    """What may follow a stored name in a text in ``language``, as a pattern, or ""."""
    return HUNGARIAN_ENDING if language == "hu" else ""


def uninflected(name, language):
    """A name as a text in ``language`` gives it, without its case ending
    ("Andrej Dapkjunasszal": "Andrej Dapkjunas")."""
    if language != "hu":
        return name
    head, space, last = name.rpartition(" ")
    found = HUNGARIAN_DOUBLED.fullmatch(last) or HUNGARIAN_STRIPPED.fullmatch(last)
    if found is None:
        return name
    stem = found["stem"]
    return f"{head}{space}{stem[:-1]}{stem[-1].translate(UNLENGTHENED)}"


@dataclass
class Candidate:
    """A name the text gives: its kind, how it first appears, and where."""

    name: str
    kind: str  # an ActorKind value
    mention: str
    first: tuple
    sentences: set = field(default_factory=set)


@dataclass
class Token:
    text: str
    start: int
    end: int
    kind: str  # name, title, organisation, particle, state, group, known, skip
    state: object = None
    possessive: bool = False


def _pattern(words, flags=0):
    spelt = sorted({re.escape(word) for word in words}, key=len, reverse=True)
    return re.compile(rf"(?<![\w.])(?:{'|'.join(spelt)})(?![\w])", flags)


_STATE_WORDS = {}
for _state in STATES:
    for _word in (_state.name, *_state.other_names, *_state.people, _state.adjective):
        if _word[:1].isupper():
            _STATE_WORDS.setdefault(_word, _state)
STATE_PATTERN = _pattern(_STATE_WORDS)
GROUP_WORDS = {word: name for name, words in GROUPS.items() for word in words}
GROUP_PATTERN = _pattern(GROUP_WORDS)


def tokens_of(sentence, known):
    """A sentence's capitalised words and connecting particles, classed, in order."""
    spans = []  # (start, end, kind, state)
    for start, end in known:
        spans.append((start, end, "known", None))

    def free(start, end):
        return not any(a < end and start < b for a, b, *_ in spans)

    for match in GROUP_PATTERN.finditer(sentence):
        if free(*match.span()):
            spans.append((*match.span(), "group", GROUP_WORDS[match.group()]))
    for match in STATE_PATTERN.finditer(sentence):
        if free(*match.span()):
            spans.append((*match.span(), "state", _STATE_WORDS[match.group()]))
    tokens = []
    for start, end, kind, value in spans:
        tokens.append(Token(sentence[start:end], start, end, kind, value))
    for match in TOKEN.finditer(sentence):
        if not free(*match.span()):
            continue
        text, start, end = match.group(), match.start(), match.end()
        possessive = bool(POSSESSIVE.search(text)) and len(text) > 2
        if possessive:
            text = POSSESSIVE.sub("", text)
            end = start + len(text)
        if text in PARTICLES:
            kind = "particle"
        elif not text[:1].isupper() or not is_latin(text):
            continue
        elif text in TITLES:
            kind = "title"
        elif text in ORGANISATION_WORDS:
            kind = "organisation"
        elif text in NOT_NAMES or text in PLACES or ROMAN.fullmatch(text):
            kind = "skip"
        elif re.fullmatch(r"[A-Z]{2,6}", text):
            kind = "acronym"
        elif "." in text or any(char.isdigit() for char in text):
            kind = "skip"
        else:
            kind = "name"
        tokens.append(Token(text, start, end, kind, possessive=possessive))
    return sorted(tokens, key=lambda token: token.start)


def is_latin(text):
    """Names in Latin script only: in others no list here tells a name from a word."""
    return all("LATIN" in unicodedata.name(char, "") for char in text if char.isalpha())


def runs_of(sentence, tokens):
    """Tokens that follow each other with only spaces between: one name may span them."""
    runs = []
    for token in tokens:
        previous = runs[-1][-1] if runs else None
        joined = (
            previous is not None
            and not previous.possessive
            and sentence[previous.end : token.start].strip() == ""
        )
        if joined:
            runs[-1].append(token)
        else:
            runs.append([token])
    # A run neither starts nor ends with a particle ("of", "the").
    trimmed = []
    for run in runs:
        while run and run[0].kind == "particle":
            run = run[1:]
        while run and run[-1].kind == "particle":
            run = run[:-1]
        if run:
            trimmed.append(run)
    return trimmed


def pieces_of(sentence, run):
    """``[(name, kind, tokens)]``: what a run of capitalised words names."""
    pieces = []
    used = set()
    # Organisations: around a word such as "Union", over names and titles to
    # its left and "of …" to its right.
    for index, token in enumerate(run):
        if token.kind != "organisation" or index in used:
            continue
        start = index
        while start > 0 and run[start - 1].kind in ("name", "title", "state"):
            start -= 1
        end = index + 1
        while end < len(run):
            kind = run[end].kind
            if kind == "organisation":
                end += 1
            elif kind == "particle" and end + 1 < len(run):
                following = run[end + 1]
                if following.kind in ("organisation", "title", "state", "particle"):
                    end += 1
                elif following.kind == "name" and not is_person_start(run, end + 1):
                    end += 1
                else:
                    break
            elif kind in ("title", "state") and run[end - 1].kind == "particle":
                end += 1
            else:
                break
        while run[end - 1].kind == "particle":
            end -= 1
        part = run[start:end]
        used.update(range(start, end))
        name = sentence[part[0].start : part[-1].end]
        states = [t.state for t in part if t.kind == "state"]
        if (
            states
            and part[0].text in ("Government", "Republic", "Federation")
            and len(states) == 1
        ):
            pieces.append((states[0].name, "state", part))
        elif name not in PLACES and len(part) > 1:
            # One such word alone ("the Council") names no one in particular.
            pieces.append((name, "organization", part))
    # States, groups, acronyms; and people: two or three names in a row.
    names = []
    for index, token in enumerate(run):
        if index in used:
            continue
        if token.kind == "state":
            pieces.append((token.state.name, "state", [token]))
        elif token.kind == "group":
            pieces.append((token.state, "group", [token]))
        elif token.kind == "acronym":
            pieces.append((token.text, "organization", [token]))
        if token.kind == "name" or (
            token.kind == "particle"
            and token.text in PERSON_PARTICLES
            and names
            and index + 1 < len(run)
            and run[index + 1].kind == "name"
        ):
            names.append(token)
            continue
        pieces.extend(person_of(sentence, names))
        names = []
    pieces.extend(person_of(sentence, names))
    return pieces


def is_person_start(run, index):
    """Whether two names in a row start at ``index`` and end the run: a person after an organisation."""
    following = run[index : index + 3]
    return (
        len(following) >= 2
        and all(token.kind == "name" for token in following[:2])
        and index + 2 >= len(run) - 1
    )


def person_of(sentence, names):
    words = [token for token in names if token.kind == "name"]
    if not 2 <= len(words) <= 3:
        return [("", "surname", names)] if len(words) == 1 else []
    name = sentence[names[0].start : names[-1].end]
    if name in PLACES:
        return []
    return [(name, "person", names)]


def find_names(sentences, known_spans=None, language=None):
    """``[Candidate]`` for every person, organisation, state and group the sentences name.

    ``known_spans`` maps a sentence's index to the spans already taken by
    stored actors: what is in them is not proposed again. In a text in
    Hungarian (``language``) a name is proposed without its case ending.
    """
    known_spans = known_spans or {}
    found = {}  # key -> Candidate
    surnames = []  # (sentence index, start, word)
    for index, sentence in enumerate(sentences):
        tokens = tokens_of(sentence, known_spans.get(index, ()))
        for run in runs_of(sentence, tokens):
            for name, kind, part in pieces_of(sentence, run):
                words = sentence[part[0].start : part[-1].end]
                if kind == "surname":
                    surname = uninflected(part[0].text, language)
                    surnames.append((index, part[0].start, surname))
                    continue
                if kind in ("person", "organization"):
                    name = uninflected(name, language)
                    if name in PLACES:
                        continue
                key = (kind, name.casefold())
                candidate = found.setdefault(
                    key, Candidate(name, kind, words, (index, part[0].start))
                )
                if (index, part[0].start) < candidate.first:
                    candidate.first, candidate.mention = (index, part[0].start), words
                candidate.sentences.add(index)
    merge_people(found, surnames)
    merge_acronyms(found)
    return sorted(found.values(), key=lambda candidate: candidate.first)


def surname_key(word):
    """ "Lukashenko" and "Lukashenka" are one surname: the last vowel may differ."""
    word = word.casefold()
    return word[:-1] if len(word) > 5 and word[-1] in "aeiouy" else word


def merge_people(found, surnames):
    """A surname alone, or a person with another first name ("Keitt Kellogg"), is the same person."""
    people = [c for c in found.values() if c.kind == "person"]
    by_surname = {}
    for person in sorted(people, key=lambda p: (-len(p.sentences), p.first)):
        by_surname.setdefault(surname_key(person.name.split()[-1]), person)
    for person in people:
        keeper = by_surname[surname_key(person.name.split()[-1])]
        if keeper is not person:
            keeper.sentences |= person.sentences
            if person.first < keeper.first:
                keeper.first = person.first
            del found[("person", person.name.casefold())]
    for index, _start, word in surnames:
        if keeper := by_surname.get(surname_key(word)):
            keeper.sentences.add(index)


def merge_acronyms(found):
    """ "EU" is the European Union's where the text names it."""
    organisations = {
        "".join(word[0] for word in c.name.split() if word[:1].isupper()): c
        for c in found.values()
        if c.kind == "organization" and " " in c.name
    }
    for key, candidate in list(found.items()):
        if candidate.kind == "organization" and (
            full := organisations.get(candidate.name)
        ):
            full.sentences |= candidate.sentences
            full.first = min(full.first, candidate.first)
            del found[key]


# --- Nationality counts ----------------------------------------------------------


def _nationality_patterns():
    english_people = {}
    english_adjectives = {}
    hungarian = {}
    for state in STATES:
        for word in state.people:
            english_people.setdefault(word, state)
        english_adjectives.setdefault(state.adjective, state)
        for word in state.hungarian_people:
            hungarian.setdefault(word, state)
    counts = "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
    people = "|".join(sorted(map(re.escape, english_people), key=len, reverse=True))
    adjectives = "|".join(
        sorted(map(re.escape, english_adjectives), key=len, reverse=True)
    )
    hungarian_counts = "|".join(sorted(HUNGARIAN_COUNT_WORDS, key=len, reverse=True))
    hungarian_people = "|".join(
        sorted(map(re.escape, hungarian), key=len, reverse=True)
    )
    return (
        english_people,
        english_adjectives,
        hungarian,
        # "two Latvians", "an Estonian", "14 Belarusians", "three Polish citizens",
        # but not "an American diplomat".
        re.compile(
            rf"\b(?P<count>{counts}|\d{{1,3}})\s+(?:"
            rf"(?P<adjective>{adjectives})\s+(?P<noun>{PEOPLE_NOUNS})\b"
            rf"|(?P<people>{people})(?:\s+(?:{PEOPLE_NOUNS}))?(?![\w-])"
            rf"(?!\s+(?!(?:{FUNCTION_WORDS})\b)[a-z])"
            r")",
            re.IGNORECASE,
        ),
        # "két lett", "három lengyel állampolgár", "egy észt"
        re.compile(
            rf"(?<!\w)(?P<count>{hungarian_counts}|\d{{1,3}})\s+"
            rf"(?P<people>{hungarian_people})(?:\s+(?:{HUNGARIAN_PEOPLE_NOUNS}))?(?!\w)",
            re.IGNORECASE,
        ),
    )


(
    _PEOPLE,
    _ADJECTIVES,
    _HUNGARIAN_PEOPLE,
    ENGLISH_COUNT,
    HUNGARIAN_COUNT,
) = _nationality_patterns()


def find_nationalities(sentences):
    """``[(state, count, words, sentence)]`` for each "two Latvians" the sentences state."""
    found = []
    for sentence in sentences:
        spans = []
        for match in ENGLISH_COUNT.finditer(sentence):
            count = match["count"].lower()
            number = int(count) if count.isdigit() else COUNT_WORDS[count]
            word = match["people"] or match["adjective"]
            table = _PEOPLE if match["people"] else _ADJECTIVES
            state = table.get(word) or next(
                (s for w, s in table.items() if w.casefold() == word.casefold()), None
            )
            if state and word[:1].isupper():
                found.append((state, number, match.group(), sentence))
                spans.append(match.span())
        for match in HUNGARIAN_COUNT.finditer(sentence):
            if any(a < match.end() and match.start() < b for a, b in spans):
                continue
            count = match["count"].lower()
            number = int(count) if count.isdigit() else HUNGARIAN_COUNT_WORDS[count]
            state = _HUNGARIAN_PEOPLE.get(match["people"].lower())
            if state:
                found.append((state, number, match.group(), sentence))
    return found
