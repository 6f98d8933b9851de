"""The dated events of briefs, in order: meetings, releases, sanctions' dates."""

from dataclasses import dataclass

from briefs import dates

# A year starts before the season, month and day that begin on the same date.
PRECISION_ORDER = {
    dates.DatePrecision.YEAR: 0,
    dates.DatePrecision.SEASON: 1,
    dates.DatePrecision.MONTH: 2,
    dates.DatePrecision.DAY: 3,
}


@dataclass
class Event:
    when: dates.PartialDate
    kind: str
    title: str
    item: object

    @property
    def url(self):
        return self.item.get_absolute_url()

    @property
    def sort_key(self):
        return (
            self.when.date,
            PRECISION_ORDER.get(self.when.precision, 0),
            self.title,
        )


def events(meetings=(), releases=(), sanctions=(), publications=()):
    """Every dated item among those given, earliest first; undated ones are left out."""
    found = [
        Event(meeting.when, "Meeting", meeting.title, meeting) for meeting in meetings
    ]
    found += [
        Event(release.when, "Prisoner release", release.title, release)
        for release in releases
    ]
    for sanction in sanctions:
        found.append(
            Event(sanction.started, "Sanctions imposed", sanction.title, sanction)
        )
        found.append(Event(sanction.ended, "Sanctions ended", sanction.title, sanction))
    for publication in publications:
        when = dates.PartialDate(publication.publication_date, dates.DatePrecision.DAY)
        found.append(Event(when, "Brief published", publication.title, publication))
    return sorted((event for event in found if event.when), key=lambda e: e.sort_key)
