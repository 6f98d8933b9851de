"""
States as briefs name them: by name, other names, and the words for their people.

A brief says "two Latvians", "an Estonian", "a Swede", "three Polish
citizens", "Belarusian authorities", or in Hungarian "két lett állampolgár".
Each of those words belongs to a state, so a text's proposals
(``briefs.domain.proposals``) can name the state an actor or a nationality
count is about. Data, not rules: one line a state,

    Name | other names | people (singular, plural) | adjective | Hungarian name | Hungarian people

fields separated by "|", several values by ",". A Hungarian demonym is
used with a count only ("két lett"): alone, "lett" is also the verb "became".
"""

from dataclasses import dataclass

STATES_TABLE = """
Albania | | Albanian, Albanians | Albanian | Albánia | albán
Armenia | | Armenian, Armenians | Armenian | Örményország | örmény
Austria | | Austrian, Austrians | Austrian | Ausztria | osztrák
Azerbaijan | | Azerbaijani, Azerbaijanis | Azerbaijani | Azerbajdzsán | azeri
Belarus | Republic of Belarus | Belarusian, Belarusians | Belarusian | Fehéroroszország, Belarusz | fehérorosz, belarusz
Belgium | | Belgian, Belgians | Belgian | Belgium | belga
Bosnia and Herzegovina | | Bosnian, Bosnians | Bosnian | Bosznia-Hercegovina | bosnyák
Bulgaria | | Bulgarian, Bulgarians | Bulgarian | Bulgária | bolgár
Canada | | Canadian, Canadians | Canadian | Kanada | kanadai
China | People's Republic of China, PRC | Chinese, Chinese | Chinese | Kína | kínai
Croatia | | Croat, Croats, Croatian, Croatians | Croatian | Horvátország | horvát
Cyprus | | Cypriot, Cypriots | Cypriot | Ciprus | ciprusi
Czech Republic | Czechia | Czech, Czechs | Czech | Csehország | cseh
Denmark | | Dane, Danes | Danish | Dánia | dán
Estonia | | Estonian, Estonians | Estonian | Észtország | észt
Finland | | Finn, Finns | Finnish | Finnország | finn
France | | Frenchman, Frenchmen, Frenchwoman | French | Franciaország | francia
Georgia | | Georgian, Georgians | Georgian | Grúzia | grúz
Germany | Federal Republic of Germany | German, Germans | German | Németország | német
Greece | | Greek, Greeks | Greek | Görögország | görög
Hungary | | Hungarian, Hungarians | Hungarian | Magyarország | magyar
India | | Indian, Indians | Indian | India | indiai
Iran | Islamic Republic of Iran | Iranian, Iranians | Iranian | Irán | iráni
Ireland | | Irishman, Irishmen | Irish | Írország | ír
Israel | | Israeli, Israelis | Israeli | Izrael | izraeli
Italy | | Italian, Italians | Italian | Olaszország | olasz
Japan | | Japanese, Japanese | Japanese | Japán | japán
Kazakhstan | | Kazakh, Kazakhs | Kazakh | Kazahsztán | kazah
Latvia | | Latvian, Latvians | Latvian | Lettország | lett
Lithuania | | Lithuanian, Lithuanians | Lithuanian | Litvánia | litván
Moldova | Republic of Moldova | Moldovan, Moldovans | Moldovan | Moldova | moldovai, moldáv
Montenegro | | Montenegrin, Montenegrins | Montenegrin | Montenegró | montenegrói
Netherlands | the Netherlands, Holland | Dutchman, Dutchmen, Dutchwoman | Dutch | Hollandia | holland
North Korea | DPRK | North Korean, North Koreans | North Korean | Észak-Korea | észak-koreai
North Macedonia | | Macedonian, Macedonians | Macedonian | Észak-Macedónia | macedón
Norway | | Norwegian, Norwegians | Norwegian | Norvégia | norvég
Poland | | Pole, Poles | Polish | Lengyelország | lengyel
Portugal | | Portuguese, Portuguese | Portuguese | Portugália | portugál
Romania | | Romanian, Romanians | Romanian | Románia | román
Russia | Russian Federation | Russian, Russians | Russian | Oroszország | orosz
Serbia | | Serb, Serbs, Serbian, Serbians | Serbian | Szerbia | szerb
Slovakia | | Slovak, Slovaks | Slovak | Szlovákia | szlovák
Slovenia | | Slovene, Slovenes, Slovenian, Slovenians | Slovenian | Szlovénia | szlovén
South Korea | Republic of Korea | South Korean, South Koreans | South Korean | Dél-Korea | dél-koreai
Spain | | Spaniard, Spaniards | Spanish | Spanyolország | spanyol
Sweden | | Swede, Swedes | Swedish | Svédország | svéd
Switzerland | | Swiss, Swiss | Swiss | Svájc | svájci
Syria | | Syrian, Syrians | Syrian | Szíria | szír
Turkey | Türkiye | Turk, Turks | Turkish | Törökország | török
Ukraine | | Ukrainian, Ukrainians | Ukrainian | Ukrajna | ukrán
United Kingdom | UK, U.K., Britain, Great Britain | Briton, Britons | British | Egyesült Királyság, Nagy-Britannia | brit
United States | United States of America, U.S., US, USA, U.S.A. | American, Americans | American | Egyesült Államok, Amerikai Egyesült Államok | amerikai
Afghanistan | | Afghan, Afghans | Afghan | Afganisztán | afgán
Iraq | | Iraqi, Iraqis | Iraqi | Irak | iraki
Uzbekistan | | Uzbek, Uzbeks | Uzbek | Üzbegisztán | üzbég
"""


@dataclass(frozen=True)
class State:
    """A state as briefs name it, in English and Hungarian."""

    name: str
    other_names: tuple
    people: tuple  # nouns: "Latvian", "Latvians"
    adjective: str  # "Latvian", "Polish"
    hungarian_names: tuple
    hungarian_people: tuple

    @property
    def names(self):
        return (self.name, *self.other_names, *self.hungarian_names)


def _values(field):
    return tuple(value.strip() for value in field.split(",") if value.strip())


def _read(table):
    states = []
    for line in table.strip().splitlines():
        name, others, people, adjective, hungarian, hungarian_people = (
            part.strip() for part in line.split("|")
        )
        states.append(
            State(
                name,
                _values(others),
                _values(people),
                adjective,
                _values(hungarian),
                _values(hungarian_people),
            )
        )
    return states


STATES = _read(STATES_TABLE)
# Groups of states a brief names as one actor.
GROUPS = {
    "Baltic states": (
        "Baltic states",
        "Baltic countries",
        "Baltics",
        "Baltic partners",
    ),
    "Visegrád Group": ("Visegrád Group", "Visegrad Group", "V4"),
}


def state_named(name):
    """The state a name, another name or an English demonym is of, or None."""
    return _BY_WORD.get(name.casefold())


_BY_WORD = {}
for _state in STATES:
    for _word in (*_state.names, *_state.people, _state.adjective):
        _BY_WORD.setdefault(_word.casefold(), _state)
