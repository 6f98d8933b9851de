"""The nationality breakdown of a prisoner release, laid out as a bar chart."""

from dataclasses import dataclass

from django.utils.translation import gettext

# The geometry of the SVG, in its own units; CSS scales it to the column.
WIDTH = 320
LABEL_WIDTH = 112
COUNT_WIDTH = 28
BAR_HEIGHT = 18
GAP = 8


@dataclass
class Bar:
    label: str
    count: int
    y: int
    width: float
    given: bool = True

    @property
    def text_y(self):
        return self.y + BAR_HEIGHT - 5

    @property
    def count_x(self):
        return LABEL_WIDTH + self.width + 6


@dataclass
class Chart:
    total: int
    bars: list

    label_width = LABEL_WIDTH
    bar_height = BAR_HEIGHT
    width = WIDTH

    @property
    def height(self):
        return len(self.bars) * (BAR_HEIGHT + GAP) - GAP if self.bars else 0

    @property
    def summary(self):
        """The chart in words: its text equivalent."""
        given = [f"{bar.label} {bar.count}" for bar in self.bars if bar.given]
        missing = [bar.count for bar in self.bars if not bar.given]
        released = gettext("{total} released").format(total=self.total)
        if given and missing:
            return gettext(
                "{released}. By nationality: {counts}; not given {missing}."
            ).format(released=released, counts=", ".join(given), missing=missing[0])
        if given:
            return gettext("{released}. By nationality: {counts}.").format(
                released=released, counts=", ".join(given)
            )
        if missing:
            return gettext("{released}. Nationality not given {missing}.").format(
                released=released, missing=missing[0]
            )
        return f"{released}."


def nationality_chart(release):
    """One bar per nationality the brief gives, and one for those it does not.

    The longest bar fills the width; the "not given" bar shows how much of
    the total the brief leaves open.
    """
    rows = [
        (count.country.name, count.count, True)
        for count in release.nationality_counts.all()
    ]
    remainder = release.unaccounted
    if remainder > 0:
        rows.append((gettext("Not given"), remainder, False))
    span = WIDTH - LABEL_WIDTH - COUNT_WIDTH
    longest = max((count for _label, count, _given in rows), default=0)
    bars = [
        Bar(
            label=label,
            count=count,
            y=index * (BAR_HEIGHT + GAP),
            width=round(span * count / longest, 1),
            given=given,
        )
        for index, (label, count, given) in enumerate(rows)
    ]
    return Chart(total=release.total, bars=bars)
