"""
What a brief's text proposes to its curator: the actors it names, the dates
it gives and the nationality counts it states.

The text of a new brief (``briefs.exchange.texts``) names actors the database
knows, by name or alias ("Lukashenka", "Kellogg's") or, for a state, by the
word for its people ("Latvians"); it names people, organisations and states
the database does not know yet (``briefs.domain.mentions``, with a guessed
kind); it dates events ("On June 21", "the fall of 2023") and counts
prisoners by nationality ("two Latvians", "an Estonian", "két lett"). None
becomes a fact unseen: each is stored as an ``IngestProposal`` on the draft
with the sentences that say it, and a curator accepts it (a known actor is
linked to the brief; a new one is added through a prefilled form, or an
existing actor is chosen for it; a meeting or release form opens with the
date or the counts filled in) or dismisses it.
"""

import datetime
import re
import unicodedata

from django.db import transaction
from django.utils.translation import gettext

from briefs.domain import dates, mentions
from briefs.domain.states import state_named
from briefs.models import Actor, IngestProposal
from briefs.models.base import original

MONTH = "|".join(dates.MONTH_NAMES)
SEASON = "|".join(dates.SEASON_BY_NAME)
ORDINAL = r"(?:st|nd|rd|th)?"

# Date mentions, most precise first: where two overlap, the longer one wins.
DATE_PATTERNS = [
    *((dates.DatePrecision.DAY, pattern) for pattern in dates.WRITTEN_DAYS),
    (  # February 2023; at the end of June 2025; in early May 2024
        dates.DatePrecision.MONTH,
        re.compile(
            r"\b(?:(?:the )?(?:beginning|start|middle|end) of |early |mid-?|late )?"
            rf"(?P<month>{MONTH}),? (?:of )?(?P<year>\d{{4}})\b",
            re.IGNORECASE,
        ),
    ),
    (  # the fall of 2023; in the summer of 2025; autumn 2023
        dates.DatePrecision.SEASON,
        re.compile(
            rf"\b(?:(?:the )?(?:early |late )?)?(?P<season>{SEASON}),? (?:of )?(?P<year>\d{{4}})\b",
            re.IGNORECASE,
        ),
    ),
    (  # On June 21: the year is the last one the text gave, or the brief's
        dates.DatePrecision.DAY,
        re.compile(rf"\b(?P<month>{MONTH}) (?P<day>\d{{1,2}}){ORDINAL}\b(?!,? \d)"),
    ),
]
# Words a full stop follows without ending the sentence.
ABBREVIATIONS = re.compile(
    r"(?:\b(?:[A-Z]\.)+|\b(?:Mr|Mrs|Ms|Dr|St|Prof|Gen|Col|Lt|Sen|Rep|Gov|No|vs|etc|e\.g|i\.e)\.)$"
)
SENTENCE_END = re.compile(r"[.!?…]+[”\"’')\]]*\s+")


def sentences_of(paragraph):
    """A paragraph's sentences; "U.S." or "Dr." does not end one."""
    sentences, start = [], 0
    for match in SENTENCE_END.finditer(paragraph):
        if ABBREVIATIONS.search(paragraph[start : match.start() + 1]):
            continue
        following = paragraph[match.end() : match.end() + 1]
        if following and not (following.isupper() or following in '“"‘(0123456789'):
            continue
        sentences.append(paragraph[start : match.end()].strip())
        start = match.end()
    if paragraph[start:].strip():
        sentences.append(paragraph[start:].strip())
    return sentences


def plain_letters(text):
    """``text`` with accents dropped, letter for letter, so offsets stay the same."""
    return "".join(
        unicodedata.normalize("NFKD", char)[:1] if char.isalpha() else char
        for char in text
    )


def name_key(name):
    """How a spelling is looked up: an abbreviation ("EU") as written, others in any case."""
    plain = plain_letters(name)
    return plain if name.isupper() else plain.casefold()


def names_pattern(names, flags=0, ending=""):
    """One pattern for many names, whole words only, the longest first where they overlap.

    A possessive ("Kellogg's") is the name followed by what no word
    continues with; ``ending`` (a pattern) may follow the name within its
    word, as a Hungarian case ending does. The name is the group "name".
    """
    if not names:
        return None
    spelt = sorted(
        {re.escape(plain_letters(name)) for name in names}, key=len, reverse=True
    )
    ending = f"(?:{ending})?" if ending else ""
    return re.compile(rf"(?<!\w)(?P<name>{'|'.join(spelt)}){ending}(?!\w)", flags)


def spellings_of(actor):
    """How a text may name a stored actor: its names, and for a state the words for its people."""
    names = list(actor.names)
    if actor.kind == Actor.Kind.STATE:
        for name in actor.names:
            if state := state_named(name):
                names += [*state.people, state.adjective]
                break
    return names


def find_actors(sentences, exclude=(), spans=None, language=None):
    """``[(actor, words found, sentences)]`` for each stored actor the sentences name.

    One pattern for all the names and aliases, so the cost grows with the
    text, not with the number of actors times the text. ``spans``, a dict,
    collects where in each sentence (by index) a stored actor is named. In a
    text in Hungarian (``language``) a name may carry a case ending.
    """
    actors_by_key = {}
    actors = Actor.objects.exclude(pk__in=[actor.pk for actor in exclude])
    for actor in actors.prefetch_related("aliases"):
        for name in spellings_of(actor):
            actors_by_key.setdefault(name_key(name), {})[actor.pk] = (actor, name)
    spellings = [name for named in actors_by_key.values() for _, name in named.values()]
    ending = mentions.name_ending(language)
    patterns = [
        names_pattern([name for name in spellings if name.isupper()], ending=ending),
        names_pattern(
            [name for name in spellings if not name.isupper()],
            re.IGNORECASE,
            ending=ending,
        ),
    ]
    found = {}  # actor pk -> [actor, (sentence, start), words, sentence indexes]
    for index, sentence in enumerate(sentences):
        plain = plain_letters(sentence)
        for pattern in filter(None, patterns):
            for match in pattern.finditer(plain):
                words = sentence[match.start() : match.end()]
                if spans is not None:
                    spans.setdefault(index, []).append(match.span())
                named = sentence[match.start("name") : match.end("name")]
                for actor, _ in actors_by_key.get(name_key(named), {}).values():
                    first = (index, match.start())
                    entry = found.setdefault(actor.pk, [actor, first, words, set()])
                    if first < entry[1]:
                        entry[1:3] = [first, words]
                    entry[3].add(index)
    ordered = sorted(found.values(), key=lambda entry: entry[1])  # as first named
    return [
        (actor, words, [sentences[i] for i in sorted(said)])
        for actor, _, words, said in ordered
    ]


def find_dates(sentences, default_year):
    """``[(date, precision, words, sentence)]`` for each date the sentences give, in order."""
    found = []
    year = default_year
    for sentence in sentences:
        spans = []
        for precision, pattern in DATE_PATTERNS:
            for match in pattern.finditer(sentence):
                if not any(a < match.end() and match.start() < b for a, b, *_ in spans):
                    spans.append((match.start(), match.end(), precision, match))
        for _start, _end, precision, match in sorted(spans, key=lambda span: span[0]):
            parts = match.groupdict()
            given_year = int(parts["year"]) if parts.get("year") else year
            try:
                if parts.get("season"):
                    month = dates.SEASON_BY_NAME[parts["season"].lower()]
                    date = datetime.date(given_year, month, 1)
                else:
                    month = dates.month_number(parts["month"])
                    date = datetime.date(given_year, month, int(parts.get("day") or 1))
            except ValueError:  # "February 30, 2024" is no date
                continue
            year = given_year
            found.append(
                (dates.normalize(date, precision), precision, match.group(), sentence)
            )
    return found


def find_proposals(brief, linked=None, language=None):
    """Unsaved proposals for the text ``brief``: actors first, then dates, each in reading order.

    ``linked`` is a publication whose actors are linked already: they are
    not proposed again. ``language``: the text's (Hungarian inflects names).
    """
    sentences = [
        sentence for paragraph in brief.prose() for sentence in sentences_of(paragraph)
    ]
    exclude = list(linked.actors.all()) if linked else []
    known = {}  # where stored actors (linked ones too) are named
    proposals = [
        IngestProposal(
            kind=IngestProposal.Kind.ACTOR,
            position=position,
            actor=actor,
            mention=words,
            sentences="\n".join(said),
        )
        for position, (actor, words, said) in enumerate(
            find_actors(sentences, spans=known, language=language), 1
        )
        if actor not in exclude
    ]
    proposals += new_actor_proposals(sentences, known, language)
    proposals += nationality_proposals(sentences)
    default_year = brief.publication_date.year if brief.publication_date else None
    # One candidate event a date, with every sentence that gives it.
    events = {}
    for date, precision, words, sentence in find_dates(sentences, default_year):
        event = events.setdefault((date, precision), (words, []))
        if sentence not in event[1]:
            event[1].append(sentence)
    proposals += [
        IngestProposal(
            kind=IngestProposal.Kind.EVENT,
            position=position,
            date=date,
            date_precision=precision,
            mention=words,
            sentences="\n".join(said),
        )
        for position, ((date, precision), (words, said)) in enumerate(events.items(), 1)
    ]
    return proposals


def new_actor_proposals(sentences, known, language=None):
    """Proposals of the people, organisations and states the database does not have yet."""
    stored = {
        name_key(name)
        for actor in Actor.objects.prefetch_related("aliases")
        for name in actor.names
    }
    stored_states = {state.name for state in stored_states_by_name().values()}
    candidates = [
        candidate
        for candidate in mentions.find_names(sentences, known, language)
        if name_key(candidate.name) not in stored
        and not (candidate.kind == Actor.Kind.STATE and candidate.name in stored_states)
    ]
    return [
        IngestProposal(
            kind=IngestProposal.Kind.NEW_ACTOR,
            position=position,
            name=candidate.name,
            actor_kind=candidate.kind,
            mention=candidate.mention,
            sentences="\n".join(sentences[i] for i in sorted(candidate.sentences)),
        )
        for position, candidate in enumerate(candidates, 1)
    ]


def nationality_proposals(sentences):
    """One proposal a state and count the text gives ("two Latvians"), with its sentences."""
    states = stored_states_by_name()
    counts = {}
    for state, count, words, sentence in mentions.find_nationalities(sentences):
        entry = counts.setdefault((state.name, count), (words, []))
        if sentence not in entry[1]:
            entry[1].append(sentence)
    return [
        IngestProposal(
            kind=IngestProposal.Kind.NATIONALITY,
            position=position,
            name=name,
            actor=states.get(name),
            count=count,
            mention=words,
            sentences="\n".join(said),
        )
        for position, ((name, count), (words, said)) in enumerate(counts.items(), 1)
    ]


def stored_states_by_name():
    """The stored state actors by the name of the state they are (``briefs.domain.states``)."""
    found = {}
    for actor in Actor.objects.filter(kind=Actor.Kind.STATE).prefetch_related(
        "aliases"
    ):
        for name in actor.names:
            if state := state_named(name):
                found.setdefault(state.name, actor)
                break
    return found


def store_proposals(publication, proposals):
    """Replace the draft's open proposals; one already accepted or dismissed is not made again."""
    decided = {
        proposal_key(proposal)
        for proposal in publication.proposals.exclude(
            status=IngestProposal.Status.PROPOSED
        )
    }
    publication.proposals.filter(status=IngestProposal.Status.PROPOSED).delete()
    fresh = []
    for proposal in proposals:
        if proposal_key(proposal) in decided:
            continue
        proposal.publication = publication
        proposal.full_clean()
        fresh.append(proposal)
    IngestProposal.objects.bulk_create(fresh)
    return fresh


def proposal_key(proposal):
    """What makes two proposals the same, so a decided one is not made again."""
    if proposal.kind == IngestProposal.Kind.NEW_ACTOR:
        return (proposal.kind, proposal.name.casefold())
    if proposal.kind == IngestProposal.Kind.NATIONALITY:
        return (proposal.kind, proposal.name, proposal.count)
    return (proposal.kind, proposal.actor_id, proposal.date, proposal.date_precision)


# --- A curator's decision ------------------------------------------------------


class ProposalWaits(ValueError):
    """A proposal that cannot be accepted yet; the message says what comes first."""


def proposal_accept(*, proposal: IngestProposal, actor: Actor | None = None) -> None:
    """Accept an open proposal.

    A stored actor is linked to its brief. A new actor is accepted with the
    ``actor`` made for it (the prefilled form) or chosen for it (an existing
    one), and that actor is linked. A nationality count needs its state
    stored (raises ProposalWaits naming it), and waits for its release; a
    date waits for its meeting.
    """
    kinds = IngestProposal.Kind
    with transaction.atomic():
        if proposal.kind == kinds.NEW_ACTOR:
            if actor is None:
                raise ProposalWaits(
                    gettext("Choose or add the actor “{name}” first.").format(
                        name=proposal.name
                    )
                )
            proposal.actor = actor
        if proposal.kind == kinds.NATIONALITY:
            proposal.actor = proposal.actor or stored_states_by_name().get(
                proposal.name
            )
            if proposal.actor is None:
                raise ProposalWaits(
                    gettext(
                        "Add the state “{name}” first (accept its proposal as "
                        "a new actor), then its nationality count."
                    ).format(name=proposal.name)
                )
        if proposal.kind in (kinds.ACTOR, kinds.NEW_ACTOR):
            proposal.publication.actors.add(proposal.actor)
        proposal.status = IngestProposal.Status.ACCEPTED
        proposal.save(update_fields=["status", "actor", "updated_at"])


def new_actor_initial(proposal: IngestProposal) -> dict:
    """The actor add form's initial values for a new-actor proposal (its query string)."""
    initial = {original("name"): proposal.name, "kind": proposal.actor_kind}
    return {key: value for key, value in initial.items() if value}


def actors_like(proposal: IngestProposal):
    """Stored actors a new-actor proposal may be: sharing a word of its name, or its kind."""
    words = [
        word
        for word in re.findall(r"\w{3,}", proposal.name)
        if word.lower() not in ("the", "and")
    ]
    matching = Actor.objects.none()
    for word in words:
        matching |= Actor.objects.matching(word)
    return matching.distinct().order_by(original("name"))


def nationality_breakdown(proposal: IngestProposal) -> list:
    """The open nationality counts stated with this one (a sentence in common), this one first."""
    said = set(proposal.sentence_list)
    others = proposal.publication.proposals.filter(
        kind=IngestProposal.Kind.NATIONALITY, status=IngestProposal.Status.PROPOSED
    ).exclude(pk=proposal.pk)
    return [proposal] + [other for other in others if said & set(other.sentence_list)]


def release_initial(accepted: list) -> dict:
    """The release add form's initial values for accepted nationality counts (its query string)."""
    return {
        # A translation's facts are its original's: linked there.
        "publications": str(accepted[0].publication.facts_edition_id),
        "nationality": [f"{p.actor_id}:{p.count}" for p in accepted],
    }


def proposal_dismiss(*, proposal: IngestProposal) -> None:
    proposal.status = IngestProposal.Status.DISMISSED
    proposal.save(update_fields=["status", "updated_at"])


def meeting_initial(proposal: IngestProposal) -> dict:
    """The meeting add form's initial values for a date proposal (its query string)."""
    return {
        "date": proposal.date.isoformat(),
        "date_precision": proposal.date_precision,
        "publications": str(proposal.publication.facts_edition_id),
    }
