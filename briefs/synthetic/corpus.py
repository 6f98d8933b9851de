"""
A synthetic corpus of briefs, for benchmarks and load tests.

``generate_corpus(seed=…, briefs=…)`` writes published briefs shaped like
the seeded one (sections of Markdown citing numbered sources and naming
actors, contributions, meetings with participants, sanctions, prisoner
releases with a nationality breakdown) over a pool of thousands of actors.
Every row is one a curator could have saved: it passes ``full_clean()``.

Deterministic: one ``random.Random(seed)`` draws everything in a fixed
order, from lists (never sets), and timestamps come from the corpus's own
calendar, not the clock, so the same seed and options give the same rows.

Every slug starts with ``gen-<seed>-``: a corpus never collides with curated
rows nor with another seed's corpus, and "is there a corpus for this seed?"
is one query. Asking for a seed that is already there writes nothing.

Fast: rows are built in memory and written with ``bulk_create`` in one
write (``briefs.domain.derived``), then given their timestamps by update (an
insert would stamp them with the clock). That sends no signals, so the write
notes the new briefs itself, and settles their texts, the public actors and
the page generation once, as it ends.

History: every generated row gets its first history record, as rows loaded
from a fixture do (``briefs.exchange.fixtures``), unless ``history=False``. Without
it the corpus would not be the database it stands in for: the admin's
history page of a generated row would be empty, its first edit could not
say what changed, and a benchmark of history pages or of the history
tables' growth would measure tables half the real size. It nearly doubles
the rows written (the README gives the figures).
"""

import datetime
import random
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.db import transaction
from django.utils.text import slugify

from briefs.domain import dates, derived
from briefs.domain.dates import DatePrecision
from briefs.domain.quotes import text_of
from briefs.models import (
    Actor,
    ActorAlias,
    Author,
    Contribution,
    Evidence,
    Meeting,
    MeetingParticipant,
    NationalityCount,
    PrisonerRelease,
    Publication,
    Sanction,
    Section,
    SourceReference,
    TimeStampedModel,
)
from briefs.synthetic import vocabulary as words

ACTORS_PER_BRIEF = 30
# Three states (a brief's focus, partner and third state), an organization,
# a group and enough persons to cast a brief.
MIN_ACTORS = 10
FIRST_DAY = datetime.date(2016, 1, 1)
LAST_DAY = datetime.date(2025, 12, 31)
# Authors and actors are "created" before the first brief.
EPOCH = datetime.datetime(2015, 12, 1, 8, 0, tzinfo=datetime.UTC)
BATCH_SIZE = 500
# Slugs carry the seed and must fit their 120 characters.
MAX_SEED = 10**12
CORE_MODELS = (Author, Actor, Publication, Meeting, Sanction, PrisonerRelease)

# Names that take "the" in running text: "the United States", not "United States".
NAMES_WITH_ARTICLE = {
    "United States",
    "United Kingdom",
    "Netherlands",
    "Czech Republic",
    "Philippines",
    "United Arab Emirates",
}
# Organizations named without one; every other organization and group takes it.
NO_ARTICLE = {"NATO", "Amnesty International", "Human Rights Watch"}
PLURAL_POSSESSIVE = re.compile(
    r"\b(States|Netherlands|Philippines|Emirates|states|countries|Balkans)'s\b"
)
CAST_ROLES = {
    "focus",
    "partner",
    "third",
    "org",
    "group",
    "leader",
    "official",
    "envoy",
    "minister",
}
CITABLE = re.compile(r"\[\[(.+?)\]\]")

PRECISIONS = [
    DatePrecision.DAY,
    DatePrecision.MONTH,
    DatePrecision.SEASON,
    DatePrecision.YEAR,
]
PRECISION_WEIGHTS = [50, 25, 15, 10]


class CorpusError(Exception):
    """The corpus cannot be generated as asked; nothing was written."""


def corpus_prefix(seed):
    return f"gen-{seed}-"


def corpus_exists(seed):
    prefix = corpus_prefix(seed)
    return any(
        model.objects.filter(slug__startswith=prefix).exists() for model in CORE_MODELS
    )


def default_actor_count(briefs):
    return max(MIN_ACTORS, ACTORS_PER_BRIEF * briefs)


def generate_corpus(
    *, seed, briefs, actors=None, drafts=0.0, history=True, dry_run=False
):
    """Write a corpus of ``briefs`` briefs and return how many rows of each kind.

    ``actors`` defaults to ``default_actor_count(briefs)``; ``drafts`` is the
    fraction of briefs (the most recent ones) left as drafts. With
    ``dry_run`` the rows are written and rolled back, so the counts and the
    time it takes are real.
    """
    actors = default_actor_count(briefs) if actors is None else actors
    if not 0 <= seed <= MAX_SEED:
        raise CorpusError(f"The seed is a whole number from 0 to {MAX_SEED}.")
    if briefs < 1:
        raise CorpusError("A corpus needs at least one brief.")
    if actors < MIN_ACTORS:
        raise CorpusError(f"A corpus needs at least {MIN_ACTORS} actors.")
    if not 0 <= drafts <= 1:
        raise CorpusError("The fraction of drafts is between 0 and 1.")
    with derived.write() as changes:
        if corpus_exists(seed):
            raise CorpusError(
                f"The corpus for seed {seed} already exists (slugs "
                f"“{corpus_prefix(seed)}…”); nothing was written. "
                "Use another seed."
            )
        builder = CorpusBuilder(seed=seed, briefs=briefs, actors=actors, drafts=drafts)
        counts = write(
            builder.build(),
            history_reason=f"Generated corpus (seed {seed})" if history else None,
        )
        if dry_run:
            transaction.set_rollback(True)
        else:
            # bulk_create sends no signals: the new briefs are noted here, and
            # the write settles their texts, public actors and the generation.
            changes.rows_written(
                Publication,
                Publication.objects.filter(slug__startswith=corpus_prefix(seed)).only(
                    "pk"
                ),
            )
    return counts


# --- Writing ------------------------------------------------------------------


@dataclass
class Step:
    """Rows of one model, written together; a step's rows may point at earlier steps'."""

    label: str
    model: type
    rows: list = field(default_factory=list)


def write(steps, *, history_reason=None):
    """Insert every step's rows in order; ``history_reason`` adds first history records."""
    counts = {}
    history = 0
    for step in steps:
        insert(step)
        counts[step.label] = counts.get(step.label, 0) + len(step.rows)
        manager = getattr(step.model, "history", None)
        if history_reason and manager is not None:
            for row in step.rows:
                # The record shows the row as it stood when last saved.
                row._history_date = row.updated_at
            manager.bulk_history_create(
                step.rows,
                batch_size=BATCH_SIZE,
                default_change_reason=history_reason,
            )
            history += len(step.rows)
    if history_reason:
        counts["history records"] = history
    return counts


def insert(step):
    """Insert a step's rows with the timestamps the corpus gave them.

    An insert stamps ``auto_now`` fields with the clock, which would make two
    runs of one seed differ; an update leaves them as given, so the corpus's
    own times are written back after the insert.
    """
    given = {}
    if issubclass(step.model, TimeStampedModel):
        for row in step.rows:
            given.setdefault((row.created_at, row.updated_at), []).append(row)
    step.model.objects.bulk_create(step.rows, batch_size=BATCH_SIZE)
    # The parts of one brief share its times: one update each.
    for (created_at, updated_at), rows in given.items():
        for row in rows:
            row.created_at, row.updated_at = created_at, updated_at
        step.model.objects.filter(pk__in=[row.pk for row in rows]).update(
            created_at=created_at, updated_at=updated_at
        )


def through(model, name):
    return model._meta.get_field(name).remote_field.through


def m2m_row(model, name, source, target):
    """A row of ``model.name``'s through table linking ``source`` to ``target``."""
    m2m = model._meta.get_field(name)
    return through(model, name)(
        **{m2m.m2m_field_name(): source, m2m.m2m_reverse_field_name(): target}
    )


# --- Words --------------------------------------------------------------------


def the(name):
    """A state's name as running text needs it: "the United States", "Belarus"."""
    return f"the {name}" if name in NAMES_WITH_ARTICLE else name


def with_article(actor, text):
    """``text``, a name of ``actor``, as running text needs it: "the EU", "NATO"."""
    if actor.kind == Actor.Kind.PERSON or text in NO_ARTICLE:
        return text
    if actor.kind == Actor.Kind.STATE:
        return f"the {text}" if actor.name in NAMES_WITH_ARTICLE else text
    return f"the {text}"


def join(items):
    """ "a", "a and b", "a, b and c"."""
    items = list(items)
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def sentence_case(text):
    return text[:1].upper() + text[1:]


def title_case(text):
    """Title case for words inside a title: "the Release of Political Prisoners"."""
    small = {"the", "of", "in", "for", "and", "on", "near", "across", "to", "a"}
    return " ".join(
        word if word in small else word[:1].upper() + word[1:] for word in text.split()
    )


def date_phrase(date, precision, approximate=False):
    """ "on 21 June 2025", "in autumn 2023", "around June 2025"."""
    text = dates.render(date, precision)
    if approximate:
        return f"around {text}"
    return f"on {text}" if precision == DatePrecision.DAY else f"in {text}"


def family_name(person):
    return person.name.split()[-1]


# --- Facts a brief discusses --------------------------------------------------


@dataclass(eq=False)
class MeetingFact:
    row: Meeting
    participants: list  # (actor, role) in order
    topics: list


@dataclass(eq=False)
class SanctionFact:
    row: Sanction


@dataclass(eq=False)
class ReleaseFact:
    row: PrisonerRelease
    counts: list  # (state, count)
    relief: list  # SanctionFact


@dataclass
class Cast:
    """Who a brief is about: three states, an organization, a group, four people."""

    focus: Actor
    partner: Actor
    third: Actor
    org: Actor
    group: Actor
    leader: Actor
    official: Actor
    envoy: Actor
    minister: Actor
    topics: list


SUBJECT_KINDS = {Meeting: "meeting", Sanction: "sanction", PrisonerRelease: "release"}


def stated_facts(fact):
    """(fact, value, actor) for each fact a generated record holds a value for."""
    row = fact.row
    if isinstance(fact, MeetingFact):
        when = date_phrase(row.date, row.date_precision, row.date_approximate)
        stated = [("date", when, None), ("place", row.place, None)]
        if row.duration_hours:
            stated.append(("duration", row.duration_display, None))
        return stated + [("participant", a.name, a) for a, _role in fact.participants]
    if isinstance(fact, SanctionFact):
        stated = [("status", row.get_status_display(), None)]
        return stated + ([("sector", row.sector, None)] if row.sector else [])
    when = date_phrase(row.date, row.date_precision, row.date_approximate)
    stated = [("date", when, None), ("total", str(row.total), None)]
    return stated + [("nationality", str(n), state) for state, n in fact.counts]


# --- Building -----------------------------------------------------------------


class CorpusBuilder:
    """Builds the corpus's rows in memory, in the order they are written."""

    def __init__(self, *, seed, briefs, actors, drafts):
        self.rng = random.Random(seed)
        self.prefix = corpus_prefix(seed)
        self.brief_count = briefs
        self.actor_count = actors
        self.draft_count = round(briefs * drafts)
        self.steps = {
            key: Step(label, model)
            for key, label, model in [
                ("authors", "authors", Author),
                # States first, on their own: other actors point at them.
                ("states", "actors", Actor),
                ("actors", "actors", Actor),
                ("aliases", "actor aliases", ActorAlias),
                ("publications", "publications", Publication),
                ("contributions", "contributions", Contribution),
                ("sections", "sections", Section),
                ("references", "source references", SourceReference),
                ("brief actors", "publication actors", through(Publication, "actors")),
                ("meetings", "meetings", Meeting),
                ("participants", "meeting participants", MeetingParticipant),
                (
                    "meeting briefs",
                    "meeting publications",
                    through(Meeting, "publications"),
                ),
                ("sanctions", "sanctions", Sanction),
                (
                    "sanction briefs",
                    "sanction publications",
                    through(Sanction, "publications"),
                ),
                ("releases", "prisoner releases", PrisonerRelease),
                ("counts", "nationality counts", NationalityCount),
                (
                    "relief",
                    "release sanctions relief",
                    through(PrisonerRelease, "sanctions_relief"),
                ),
                (
                    "release briefs",
                    "release publications",
                    through(PrisonerRelease, "publications"),
                ),
                ("evidence", "evidence", Evidence),
            ]
        }
        self.serial = {}
        self.aliases = {}  # id(actor) -> [alias names]
        self.capitals = {}  # id(state) -> capital
        self.persons_by_country = {}  # id(state) -> [persons]
        self.orgs_by_country = {}
        self.groups_by_country = {}
        # Meetings held in a state and sanctions on it, which later briefs
        # about that state come back to.
        self.meetings_in = {}
        self.sanctions_on = {}

    # Plumbing -----------------------------------------------------------------

    def add(self, step, row):
        self.steps[step].rows.append(row)
        return row

    def slug(self, kind):
        self.serial[kind] = self.serial.get(kind, 0) + 1
        return f"{self.prefix}{kind}-{self.serial[kind]}"

    def chance(self, probability):
        return self.rng.random() < probability

    def unique(self, used, make):
        """A name from ``make()`` not yet in ``used``, numbered if the words run out."""
        for _attempt in range(25):
            name = make()
            if name not in used:
                break
        else:
            base, number = name, 2
            while f"{base} ({number})" in used:
                number += 1
            name = f"{base} ({number})"
        used.add(name)
        return name

    def partial_date(self, raw, weights=PRECISION_WEIGHTS, approximate=0.15):
        """(first day of the period, precision, approximate), as briefs.dates stores it."""
        precision = self.rng.choices(PRECISIONS, weights)[0]
        return dates.normalize(raw, precision), precision, self.chance(approximate)

    @staticmethod
    def stamp(row, created, updated=None):
        row.created_at = created
        row.updated_at = updated or created
        return row

    def build(self):
        self.build_authors()
        self.build_actors()
        for day, is_draft in self.calendar():
            self.build_brief(day, is_draft)
        return list(self.steps.values())

    # Authors and actors -----------------------------------------------------

    def build_authors(self):
        rng, used = self.rng, set()
        research = max(3, round(self.brief_count / 4))
        staff = [("editor", 1), ("copy_editor", 2), ("translator", 1)]
        self.researchers, self.staff = [], {role: [] for role, _n in staff}
        plan = [("author", research)] + staff

        def make():
            return f"{rng.choice(words.GIVEN_NAMES)} {rng.choice(words.FAMILY_NAMES)}"

        for role, count in plan:
            for _ in range(count):
                name = self.unique(used, make)
                if role == "author":
                    position = rng.choice(words.AUTHOR_POSITIONS)
                    affiliation = rng.choice(words.AFFILIATIONS)
                    biography = (
                        f"{name} is a {position} at {affiliation}, working on "
                        f"{rng.choice(words.RESEARCH_AREAS)}."
                    )
                else:
                    position = words.STAFF_POSITIONS[role]
                    affiliation, biography = words.AFFILIATIONS[0], ""
                author = Author(
                    slug=self.slug("author"),
                    name=name,
                    position=position,
                    affiliation=affiliation,
                    biography=biography,
                )
                created = EPOCH + datetime.timedelta(minutes=self.serial["author"])
                self.add("authors", self.stamp(author, created))
                (self.researchers if role == "author" else self.staff[role]).append(
                    author
                )

    def build_actors(self):
        count = self.actor_count
        states = min(len(words.COUNTRIES), max(3, round(count * 0.06)))
        groups = max(1, round(count * 0.03))
        organizations = max(1, round(count * 0.12))
        persons = count - states - groups - organizations
        self.names, self.offices_held = set(), set()
        self.states = [self.new_state(*row) for row in words.COUNTRIES[:states]]
        self.organizations = [self.new_organization(i) for i in range(organizations)]
        self.international = [org for org in self.organizations if org.country is None]
        self.groups = [self.new_group(i) for i in range(groups)]
        self.persons = [self.new_person() for _ in range(persons)]

    def new_actor(self, kind, name, step="actors", **fields):
        actor = Actor(slug=self.slug("actor"), kind=kind, name=name, **fields)
        created = EPOCH + datetime.timedelta(seconds=self.serial["actor"])
        self.add(step, self.stamp(actor, created))
        self.aliases[id(actor)] = []
        return actor

    def new_alias(self, actor, name):
        if name and name != actor.name and name not in self.aliases[id(actor)]:
            self.aliases[id(actor)].append(name)
            alias = ActorAlias(actor=actor, name=name)
            self.add("aliases", self.stamp(alias, actor.created_at))

    def new_state(self, name, capital, wikidata_id, other_names):
        self.names.add(name)
        state = self.new_actor(
            Actor.Kind.STATE, name, step="states", wikidata_id=wikidata_id
        )
        self.capitals[id(state)] = capital
        self.persons_by_country[id(state)] = []
        self.orgs_by_country[id(state)] = []
        self.groups_by_country[id(state)] = []
        self.meetings_in[id(state)] = []
        self.sanctions_on[id(state)] = []
        for other in other_names.split(";"):
            self.new_alias(state, other.strip())
        if self.chance(0.5):
            self.new_alias(state, capital)
        return state

    def new_organization(self, index):
        rng = self.rng
        if index < len(words.INTERNATIONAL_ORGANIZATIONS):
            name, short = words.INTERNATIONAL_ORGANIZATIONS[index]
            self.names.add(name)
            org = self.new_actor(Actor.Kind.ORGANIZATION, name)
            self.new_alias(org, short)
            return org
        chosen = {}

        def make():
            country = chosen["country"] = rng.choice(self.states)
            return rng.choice(words.NATIONAL_ORGANIZATIONS).format(
                country=the(country.name),
                capital=self.capitals[id(country)],
                other=the(self.other_state(country).name),
            )

        name = self.unique(self.names, make)
        country = chosen["country"]
        org = self.new_actor(Actor.Kind.ORGANIZATION, name, country=country)
        self.orgs_by_country[id(country)].append(org)
        return org

    def new_group(self, index):
        if index < len(words.INTERNATIONAL_GROUPS):
            name = words.INTERNATIONAL_GROUPS[index]
            self.names.add(name)
            return self.new_actor(Actor.Kind.GROUP, name)
        rng, chosen = self.rng, {}

        def make():
            country = chosen["country"] = rng.choice(self.states)
            return rng.choice(words.NATIONAL_GROUPS).format(country=the(country.name))

        # A group has no country (the field is for persons and organizations),
        # but a brief about a state may name that state's opposition.
        group = self.new_actor(Actor.Kind.GROUP, self.unique(self.names, make))
        self.groups_by_country[id(chosen["country"])].append(group)
        return group

    def new_person(self):
        rng = self.rng
        country = rng.choice(self.states)
        other = self.other_state(country)

        def make():
            given = rng.choice(words.GIVEN_NAMES)
            family = rng.choice(words.FAMILY_NAMES)
            if self.chance(0.1):
                given = f"{given} {rng.choice('ABCDEFGHIJKLMNOPRSTVZ')}."
            return f"{given} {family}"

        name = self.unique(self.names, make)
        template = rng.choice(words.PERSON_POSITIONS)
        position = template.format(country=the(country.name), other=the(other.name))
        if position in self.offices_held and template not in words.SHARED_POSITIONS:
            position = f"Former {position}"  # One President of Belarus at a time.
        self.offices_held.add(position)
        person = self.new_actor(
            Actor.Kind.PERSON, name, position=position, country=country
        )
        self.persons_by_country[id(country)].append(person)
        if self.chance(0.3):
            # How briefs spell people: by family name, transliterated, mistyped.
            self.new_alias(person, name.split()[-1])
            if self.chance(0.4):
                self.new_alias(person, transliterated(name))
            if self.chance(0.1):
                given, rest = name.split(" ", 1)
                self.new_alias(person, f"{given[:-1]}{given[-2:-1]} {rest}")
        return person

    def other_state(self, state):
        other = self.rng.choice(self.states)
        while other is state:
            other = self.rng.choice(self.states)
        return other

    # Briefs ---------------------------------------------------------------------

    def calendar(self):
        """(publication date, is draft) of each brief, oldest first; drafts are the newest."""
        span = (LAST_DAY - FIRST_DAY).days
        days = sorted(
            FIRST_DAY + datetime.timedelta(days=self.rng.randint(0, span))
            for _ in range(self.brief_count)
        )
        first_draft = self.brief_count - self.draft_count
        return [(day, index >= first_draft) for index, day in enumerate(days)]

    def build_brief(self, day, is_draft):
        rng = self.rng
        published_at = datetime.datetime.combine(
            day, datetime.time(8), tzinfo=datetime.UTC
        ) + datetime.timedelta(minutes=rng.randint(0, 480))
        created = published_at - datetime.timedelta(
            days=rng.randint(1, 20), minutes=rng.randint(0, 600)
        )
        updated = created + datetime.timedelta(hours=2) if is_draft else published_at
        publication = Publication(
            slug=self.slug("brief"),
            series=rng.choice(words.SERIES),
            publisher=words.PUBLISHER,
            publisher_url=words.PUBLISHER_URL,
            publication_date=day,
            cover_photo_credit=rng.choice(words.COVER_PHOTO_CREDITS),
            copyright_line=f"© {words.PUBLISHER}, {day.year}.",
            status=Publication.Status.DRAFT
            if is_draft
            else Publication.Status.PUBLISHED,
            published_at=None if is_draft else published_at,
        )
        self.add("publications", self.stamp(publication, created, updated))

        def stamp(row):
            return self.stamp(row, created, updated)

        self.build_contributions(publication, stamp)
        cast = self.cast()
        writer = BriefWriter(self, publication, cast)

        # Briefs about a state come back to what earlier briefs said of it.
        earlier_meetings = list(self.meetings_in[id(cast.focus)])
        earlier_sanctions = list(self.sanctions_on[id(cast.focus)])
        meetings = [
            self.new_meeting(cast, day, stamp)
            for _ in range(rng.choice([1, 1, 2, 2, 3]))
        ]
        sanctions = [
            self.new_sanction(cast, day, stamp)
            for _ in range(rng.choices([0, 1, 2], [35, 45, 20])[0])
        ]
        releases = []
        if self.chance(0.3):
            releases.append(self.new_release(cast, day, meetings, sanctions, stamp))
        if earlier_meetings and self.chance(0.3):
            meetings = [*meetings, rng.choice(earlier_meetings)]
        if earlier_sanctions and self.chance(0.3):
            sanctions = [*sanctions, rng.choice(earlier_sanctions)]

        for fact in meetings:
            row = m2m_row(Meeting, "publications", fact.row, publication)
            self.add("meeting briefs", row)
        for fact in sanctions:
            row = m2m_row(Sanction, "publications", fact.row, publication)
            self.add("sanction briefs", row)
        for fact in releases:
            row = m2m_row(PrisonerRelease, "publications", fact.row, publication)
            self.add("release briefs", row)

        written = []  # (fact, its paragraph), as the sections write them

        def writes(paragraph_of, fact):
            def write():
                written.append((fact, paragraph_of(fact)))
                return written[-1][1]

            return write

        facts = (
            [writes(writer.meeting_paragraph, f) for f in meetings]
            + [writes(writer.sanction_paragraph, f) for f in sanctions]
            + [writes(writer.release_paragraph, f) for f in releases]
        )
        first_outcome = next((f.row.outcome for f in meetings if f.row.outcome), "")
        publication.title = writer.title()
        publication.summary = writer.summary(first_outcome)
        sections = writer.sections(facts)
        for position, (heading, body) in enumerate(sections, start=1):
            section = Section(
                publication=publication, position=position, heading=heading, body=body
            )
            self.add("sections", stamp(section))
        bodies = [body for _heading, body in sections]
        self.build_evidence(publication, written, bodies, stamp)
        for number, (anchor, url) in enumerate(writer.references, start=1):
            reference = SourceReference(
                publication=publication, number=number, anchor_text=anchor, url=url
            )
            self.add("references", stamp(reference))
        for actor in writer.mentioned:
            self.add("brief actors", m2m_row(Publication, "actors", publication, actor))

    def build_evidence(self, publication, written, bodies, stamp):
        """Every fact of the brief backed by the first words of the paragraph stating it."""
        number = 0
        for fact, paragraph in written:
            position = next(
                index for index, body in enumerate(bodies, start=1) if paragraph in body
            )
            quote = " ".join(text_of(paragraph).split()[:12])
            kind = SUBJECT_KINDS[type(fact.row)]
            for name, value, actor in stated_facts(fact):
                number += 1
                evidence = Evidence(
                    publication=publication,
                    number=number,
                    fact=name,
                    actor=actor,
                    value=value,
                    rank=Evidence.Rank.PREFERRED,
                    section=position,
                    quote=quote,
                    **{kind: fact.row},
                )
                self.add("evidence", stamp(evidence))

    def build_contributions(self, publication, stamp):
        rng = self.rng
        credits = [
            (author, Contribution.Role.AUTHOR)
            for author in rng.sample(
                self.researchers,
                min(len(self.researchers), rng.choices([1, 2, 3], [70, 25, 5])[0]),
            )
        ]
        for role, probability in [
            (Contribution.Role.EDITOR, 0.15),
            (Contribution.Role.COPY_EDITOR, 0.8),
            (Contribution.Role.TRANSLATOR, 0.1),
        ]:
            if self.chance(probability):
                credits.append((rng.choice(self.staff[role]), role))
        for position, (author, role) in enumerate(credits, start=1):
            contribution = Contribution(
                publication=publication, author=author, role=role, position=position
            )
            self.add("contributions", stamp(contribution))

    def cast(self):
        rng = self.rng
        focus, partner, third = rng.sample(self.states, 3)
        own_groups = self.groups_by_country[id(focus)]
        taken = set()
        leader, official = self.people_of(focus, 2, taken)
        (envoy,) = self.people_of(partner, 1, taken)
        (minister,) = self.people_of(third, 1, taken)
        return Cast(
            focus=focus,
            partner=partner,
            third=third,
            # The international organizations a brief weighs states against.
            org=rng.choice(self.international or self.organizations),
            group=rng.choice(
                own_groups if own_groups and self.chance(0.5) else self.groups
            ),
            leader=leader,
            official=official,
            envoy=envoy,
            minister=minister,
            topics=rng.sample(words.TOPICS, 4),
        )

    def people_of(self, state, count, taken):
        """``count`` persons of ``state`` not yet ``taken``, others if it has too few."""
        count = min(count, len(self.persons) - len(taken))
        pool = self.persons_by_country[id(state)]
        # At most len(taken) of the drawn are taken, so enough are left when
        # the state has enough people; drawing is cheaper than filtering.
        drawn = self.rng.sample(pool, min(len(pool), count + len(taken)))
        people = [p for p in drawn if id(p) not in taken][:count]
        while len(people) < count:
            person = self.rng.choice(self.persons)
            if id(person) not in taken and person not in people:
                people.append(person)
        taken.update(id(person) for person in people)
        return people

    # Facts ------------------------------------------------------------------------

    def new_meeting(self, cast, day, stamp):
        rng = self.rng
        home = [cast.leader, cast.official]
        if self.chance(0.75):
            guest_state, guest = cast.partner, cast.envoy
        else:
            guest_state, guest = cast.third, cast.minister
        if self.chance(0.7):
            country, host, visitor = cast.focus, rng.choice(home), guest
        else:
            country, host, visitor = guest_state, guest, rng.choice(home)
        participants = [
            (host, MeetingParticipant.Role.HOST),
            (visitor, MeetingParticipant.Role.VISITOR),
        ]
        chosen = {id(host), id(visitor)}
        for person in self.people_of(visitor.country, rng.choice([0, 0, 1, 2]), chosen):
            participants.append((person, MeetingParticipant.Role.DELEGATION))
        if self.chance(0.25) and id(cast.org) not in chosen:
            participants.append((cast.org, MeetingParticipant.Role.PARTICIPANT))

        place = self.capitals[id(country)]
        when, precision, approximate = self.partial_date(
            day - datetime.timedelta(days=rng.randint(3, 720))
        )
        duration = None
        if self.chance(0.6):
            duration = Decimal(rng.choice(["0.5", "1", "1.5", "2", "3", "4", "6", "8"]))
        topics = rng.sample(cast.topics, rng.randint(1, 4))
        fill = {
            "number": rng.randint(2, 30),
            "topic": topics[0],
            "partner": the(cast.partner.name),
            "focus": the(cast.focus.name),
            "past_year": when.year - rng.randint(1, 6),
        }
        meeting = Meeting(
            slug=self.slug("meeting"),
            title=rng.choice(words.MEETING_TITLES).format(
                visitor=visitor.name, host=host.name, place=place
            ),
            date=when,
            date_precision=precision,
            date_approximate=approximate,
            place=place,
            country=country,
            duration_hours=duration,
            duration_approximate=duration is not None and self.chance(0.4),
            topics="\n".join(sentence_case(topic) for topic in topics),
            outcome=rng.choice(words.MEETING_OUTCOMES).format(**fill)
            if self.chance(0.6)
            else "",
            significance=rng.choice(words.MEETING_SIGNIFICANCE).format(**fill)
            if self.chance(0.4)
            else "",
        )
        self.add("meetings", stamp(meeting))
        fact = MeetingFact(meeting, participants, topics)
        if country is cast.focus:
            self.meetings_in[id(country)].append(fact)
        for position, (actor, role) in enumerate(participants, start=1):
            participant = MeetingParticipant(
                meeting=meeting, actor=actor, role=role, position=position
            )
            self.add("participants", stamp(participant))
        return fact

    def new_sanction(self, cast, day, stamp):
        rng = self.rng
        imposed_by = rng.choices(
            [
                cast.partner,
                rng.choice(self.international or [cast.partner]),
                cast.third,
                self.other_state(cast.focus),
            ],
            [40, 30, 10, 20],
        )[0]
        target = rng.choices(
            [
                cast.focus,
                rng.choice([cast.leader, cast.official]),
                rng.choice(self.orgs_by_country[id(cast.focus)] or [cast.focus]),
            ],
            [60, 20, 20],
        )[0]
        sector = "" if target.kind == Actor.Kind.PERSON else rng.choice(words.SECTORS)
        status = rng.choices(list(Sanction.Status), [10, 55, 20, 15])[0]
        start = start_precision = None
        start_approximate = False
        if status != Sanction.Status.PROPOSED and self.chance(0.85):
            raw_start = day - datetime.timedelta(days=rng.randint(60, 3650))
            start, start_precision, start_approximate = self.partial_date(
                raw_start, approximate=0.1
            )
        end = end_precision = None
        end_approximate = False
        if status == Sanction.Status.LIFTED and self.chance(0.9):
            if start is None:
                raw_end = day - datetime.timedelta(days=rng.randint(10, 400))
            else:
                raw_end = min(
                    raw_start + datetime.timedelta(days=rng.randint(30, 1500)), day
                )
            end, end_precision, end_approximate = self.partial_date(
                raw_end, approximate=0.1
            )
            if start is not None and end < start:
                # A coarser precision moved the end to before the start;
                # the day itself never is (raw_end >= raw_start >= start).
                end, end_precision = raw_end, DatePrecision.DAY
        short = next((a for a in self.aliases[id(imposed_by)] if a.isupper()), "")
        target_name = with_article(target, target.name)
        title = f"{short or imposed_by.name} sanctions on {target_name}"
        sanction = Sanction(
            slug=self.slug("sanction"),
            title=f"{title}: {sector.lower()}" if sector else title,
            imposed_by=imposed_by,
            target=target,
            sector=sector,
            status=status,
            status_note=rng.choice(words.SANCTION_STATUS_NOTES[status]),
            start_date=start,
            start_date_precision=start_precision or "",
            start_date_approximate=start_approximate,
            end_date=end,
            end_date_precision=end_precision or "",
            end_date_approximate=end_approximate,
            description=(
                f"Restrictive measures of {with_article(imposed_by, imposed_by.name)} "
                f"against {with_article(target, target.name)}, renewed every year."
                if self.chance(0.4)
                else ""
            ),
        )
        self.add("sanctions", stamp(sanction))
        fact = SanctionFact(sanction)
        if target is cast.focus:
            self.sanctions_on[id(target)].append(fact)
        return fact

    def new_release(self, cast, day, meetings, sanctions, stamp):
        rng = self.rng
        meeting = rng.choice(meetings).row if self.chance(0.6) else None
        if meeting is not None:
            raw = meeting.date + datetime.timedelta(days=rng.randint(0, 10))
        else:
            raw = day - datetime.timedelta(days=rng.randint(5, 400))
        when, precision, approximate = self.partial_date(raw)
        total = rng.randint(1, 20) if self.chance(0.7) else rng.randint(21, 120)
        noun = "prisoner" if total == 1 else "prisoners"
        if meeting is not None:
            # What the meeting came to, in the same numbers as the release.
            meeting.outcome = f"The release of {total} political {noun}."
        counts, remaining = [], total
        nationalities = rng.sample(
            self.states, rng.randint(0, min(5, total, len(self.states)))
        )
        for index, state in enumerate(nationalities):
            if remaining == 0:
                break
            count = rng.randint(1, max(1, remaining // 2))
            if index == len(nationalities) - 1 and self.chance(0.25):
                count = remaining  # Sometimes the brief accounts for everyone.
            counts.append((state, count))
            remaining -= count
        release = PrisonerRelease(
            slug=self.slug("release"),
            title=f"{cast.focus.name} releases {total} political {noun}",
            date=when,
            date_precision=precision,
            date_approximate=approximate,
            released_by=cast.focus,
            released_to=cast.partner if self.chance(0.7) else None,
            meeting=meeting,
            total=total,
            description=(
                "Political prisoners released after months of quiet talks; the "
                "brief does not give every nationality."
                if self.chance(0.5)
                else ""
            ),
        )
        self.add("releases", stamp(release))
        for state, count in counts:
            count_row = NationalityCount(release=release, country=state, count=count)
            self.add("counts", stamp(count_row))
        eligible = [
            fact
            for fact in sanctions
            if fact.row.target in (cast.focus, cast.leader, cast.official)
        ]
        relief = rng.sample(eligible, min(len(eligible), rng.choice([0, 1, 1, 2])))
        for fact in relief:
            row = m2m_row(PrisonerRelease, "sanctions_relief", release, fact.row)
            self.add("relief", row)
        return ReleaseFact(release, counts, relief)


def transliterated(name):
    """Another spelling of a name, as sources in other languages write it."""
    for old, new in [
        ("enko", "enka"), ("ii", "y"), ("sh", "sch"), ("y", "i"), ("ó", "o"),
        ("á", "a"), ("é", "e"), ("v", "w"), ("ā", "a"), ("ś", "s"),
    ]:  # fmt: skip
        if old in name:
            return name.replace(old, new, 1)
    return name


# --- Text ---------------------------------------------------------------------


class Phrases(dict):
    """What ``str.format_map`` fills a template from: each phrase made when asked."""

    def __init__(self, writer, plain):
        super().__init__()
        self.writer, self.plain = writer, plain

    def __missing__(self, key):
        return self.writer.phrase(key, self.plain)


class BriefWriter:
    """Writes one brief's title, abstract and sections about its cast and facts.

    Text is written in reading order, so source references are numbered as
    a reader meets them; every actor named is recorded for
    ``publication.actors``.
    """

    def __init__(self, builder, publication, cast):
        self.builder = builder
        self.rng = builder.rng
        self.publication = publication
        self.cast = cast
        self.references = []  # (anchor text, url), numbered from 1
        self.mentioned = []
        self._mentioned_ids = set()
        self._deck = []

    # Names ------------------------------------------------------------------

    def mention(self, actor, plain=False):
        """How the brief names ``actor`` here: its name or, now and then, an alias."""
        if id(actor) not in self._mentioned_ids:
            self._mentioned_ids.add(id(actor))
            self.mentioned.append(actor)
        aliases = self.builder.aliases[id(actor)]
        text = actor.name
        if not plain and aliases and self.rng.random() < 0.3:
            text = self.rng.choice(aliases)
        if text == self.builder.capitals.get(id(actor)):
            return text  # "Washington", never "the Washington".
        return with_article(actor, text)

    def phrase(self, key, plain):
        """The words for ``{key}`` in a template; see corpus_data.SENTENCES."""
        cast, rng, day = self.cast, self.rng, self.publication.publication_date
        if key in CAST_ROLES:
            return self.mention(getattr(cast, key), plain)
        if key == "capital":
            return self.builder.capitals[id(cast.focus)]
        if key == "third_capital":
            return self.builder.capitals[id(cast.third)]
        if key == "official_position":
            return cast.official.position or "a senior official"
        if key == "envoy_with_position":
            name = self.mention(cast.envoy, plain=True)
            return f"{cast.envoy.position} {name}" if cast.envoy.position else name
        if key == "envoy_family":
            self.mention(cast.envoy)
            return family_name(cast.envoy)
        if key == "topic":
            return rng.choice(cast.topics[:3])
        if key == "topic2":
            return cast.topics[3]
        if key == "topic_title":
            return title_case(cast.topics[0])
        if key == "when":
            raw = day - datetime.timedelta(days=rng.randint(20, 700))
            precision = rng.choice([DatePrecision.MONTH, DatePrecision.SEASON])
            return dates.render(dates.normalize(raw, precision), precision)
        if key == "year":
            return str(day.year)
        if key == "next_year":
            return str(day.year + 1)
        if key == "past_year":
            return str(day.year - rng.randint(2, 8))
        if key == "percent":
            return str(rng.randint(5, 40))
        raise KeyError(key)

    def fill(self, template, plain=False):
        text = template.format_map(Phrases(self, plain))
        return PLURAL_POSSESSIVE.sub(r"\1'", text)

    # Citations --------------------------------------------------------------

    def cite(self, text):
        """Turn ``[[words]]`` into ``[words][N]`` (a source) or plain words."""

        def replace(match):
            anchor = match.group(1)
            if self.references and self.rng.random() < 0.05:
                return f"[{anchor}][{self.rng.randint(1, len(self.references))}]"
            if self.rng.random() < 0.55:
                self.references.append((anchor, self.source_url(anchor)))
                return f"[{anchor}][{len(self.references)}]"
            return anchor

        return CITABLE.sub(replace, text)

    def source_url(self, anchor):
        if self.rng.random() < 0.55:
            return ""  # As in the seeded brief: a curator has yet to find it.
        site = self.rng.choice(words.SOURCE_SITES)
        day = self.publication.publication_date - datetime.timedelta(
            days=self.rng.randint(0, 60)
        )
        return f"{site}{slugify(anchor)[:60] or 'source'}-{day:%Y-%m-%d}/"

    def sentence(self, template):
        return sentence_case(self.cite(self.fill(template)))

    # Parts of the brief ---------------------------------------------------------

    def title(self):
        return self.fill(self.rng.choice(words.TITLES), plain=True)

    def summary(self, outcome):
        outcome = outcome.rstrip(".") or "a promise of further talks"
        outcome = outcome[:1].lower() + outcome[1:]
        chosen = words.SUMMARY_SENTENCES[:2] + self.rng.sample(
            words.SUMMARY_SENTENCES[2:], self.rng.randint(1, 3)
        )
        chosen = [t for t in words.SUMMARY_SENTENCES if t in chosen]
        return " ".join(
            sentence_case(self.fill(t.replace("{outcome}", outcome))) for t in chosen
        )

    def sections(self, facts):
        """(heading, Markdown body) of each section; ``facts`` write their own paragraphs."""
        rng = self.rng
        count = rng.randint(3, 12)
        headings = rng.sample(words.HEADINGS, count - 1) + [
            rng.choice(words.CLOSING_HEADINGS)
        ]
        assigned = [[] for _ in range(count)]
        for index, fact in enumerate(facts):
            assigned[index % (count - 1)].append(fact)
        sections = []
        for heading, section_facts in zip(headings, assigned, strict=True):
            heading = self.fill(heading, plain=True)
            paragraphs = [fact() for fact in section_facts]
            for _ in range(rng.randint(0 if paragraphs else 1, 3)):
                paragraphs.append(self.paragraph())
            if rng.random() < 0.1:
                paragraphs.append(
                    "\n".join(f"- {sentence_case(topic)}" for topic in self.cast.topics)
                )
            sections.append((heading, "\n\n".join(paragraphs)))
        return sections

    def paragraph(self):
        return " ".join(
            self.sentence(self.next_template()) for _ in range(self.rng.randint(2, 5))
        )

    def next_template(self):
        """Sentences dealt from a shuffled deck: none comes back before all are used."""
        if not self._deck:
            self._deck = self.rng.sample(words.SENTENCES, len(words.SENTENCES))
        return self._deck.pop()

    def meeting_paragraph(self, fact):
        meeting = fact.row
        host = next(a for a, role in fact.participants if role == "host")
        visitor = next(a for a, role in fact.participants if role == "visitor")
        position = f", {visitor.position}," if visitor.position else ""
        when = date_phrase(
            meeting.date, meeting.date_precision, meeting.date_approximate
        )
        sentences = [
            f"{when}, {self.mention(visitor)}{position} [[met]] "
            f"{self.mention(host)} in {meeting.place}."
        ]
        delegation = [a for a, role in fact.participants if role == "delegation"]
        if delegation:
            names = join(self.mention(actor) for actor in delegation)
            sentences.append(f"{family_name(visitor)} was accompanied by {names}.")
        for actor, role in fact.participants:
            if role == "participant":
                sentences.append(
                    f"{sentence_case(self.mention(actor))} was also represented."
                )
        lasted = (
            f", which lasted {meeting.duration_display},"
            if meeting.duration_hours
            else ""
        )
        sentences.append(f"The talks{lasted} [[focused on]] {join(fact.topics)}.")
        if meeting.outcome:
            outcome = meeting.outcome.rstrip(".")
            sentences.append(
                f"They [[resulted in]] {outcome[:1].lower()}{outcome[1:]}."
            )
        if meeting.significance:
            significance = meeting.significance
            sentences.append(f"It was {significance[:1].lower()}{significance[1:]}")
        return " ".join(sentence_case(self.cite(s)) for s in sentences)

    def sanction_paragraph(self, fact):
        sanction = fact.row
        sector = (
            f", targeting its {sanction.sector.lower()} sector"
            if sanction.sector
            else ""
        )
        started = (
            " " + date_phrase(sanction.start_date, sanction.start_date_precision)
            if sanction.start_date
            else ""
        )
        verb = (
            "[[proposed sanctions]]"
            if sanction.status == "proposed"
            else "[[imposed sanctions]]"
        )
        sentences = [
            f"{self.mention(sanction.imposed_by)} {verb} on "
            f"{self.mention(sanction.target)}{started}{sector}."
        ]
        if sanction.status == "lifted" and sanction.end_date:
            ended = date_phrase(sanction.end_date, sanction.end_date_precision)
            sentences.append(f"They were [[lifted]] {ended}.")
        else:
            sentences.append(
                {
                    "proposed": "They have not been adopted yet.",
                    "in_force": "They remain in force.",
                    "eased": "They have since been [[eased]].",
                    "lifted": "They have since been [[lifted]].",
                }[sanction.status]
            )
        return " ".join(sentence_case(self.cite(s)) for s in sentences)

    def release_paragraph(self, fact):
        release = fact.row
        when = date_phrase(
            release.date, release.date_precision, release.date_approximate
        )
        noun = "prisoner" if release.total == 1 else "prisoners"
        to = f" to {self.mention(release.released_to)}" if release.released_to else ""
        after = (
            f", after the meeting in {release.meeting.place}" if release.meeting else ""
        )
        sentences = [
            f"{when}, {self.mention(release.released_by)} [[released]] "
            f"{release.total} political {noun}{to}{after}."
        ]
        if fact.counts:
            parts = [
                f"{count} citizen{'' if count == 1 else 's'} of {self.mention(state)}"
                for state, count in fact.counts
            ]
            sentences.append(f"They included {join(parts)}.")
            unaccounted = release.total - sum(count for _state, count in fact.counts)
            if unaccounted:
                sentences.append(
                    f"The nationality of the other {unaccounted} was not disclosed."
                )
        for relief in fact.relief:
            sanction = relief.row
            sentences.append(
                f"In exchange, {self.mention(sanction.imposed_by)} "
                f"[[signaled an easing]] of its sanctions on "
                f"{self.mention(sanction.target)}."
            )
        return " ".join(sentence_case(self.cite(s)) for s in sentences)
