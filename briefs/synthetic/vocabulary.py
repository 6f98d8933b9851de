"""
The words a generated corpus is made of (see ``briefs.synthetic.corpus``).

Real country names and capitals, so pages, search and sorting meet the
names they will meet in real briefs; invented people and invented
institutions built from them, so no generated sentence puts words in a real
person's mouth. Wikidata ids are given only for states, and only where they
are certain: a wrong id would send a reader to the wrong entity.
"""


def _table(text):
    """Rows of ``a | b | c`` lines, as tuples of stripped cells."""
    return [
        tuple(cell.strip() for cell in line.split("|"))
        for line in text.strip().splitlines()
    ]


# Name | capital | Wikidata id | other names, "; "-separated.
COUNTRIES = _table("""
United States | Washington | Q30 | U.S.; United States of America
Belarus | Minsk | Q184 | Republic of Belarus
Russia | Moscow | Q159 | Russian Federation; the Kremlin
Ukraine | Kyiv | Q212 |
Hungary | Budapest | Q28 |
Poland | Warsaw | Q36 | Republic of Poland
China | Beijing | Q148 | People's Republic of China
Japan | Tokyo | Q17 |
Latvia | Riga | Q211 |
Estonia | Tallinn | Q191 |
Sweden | Stockholm | Q34 |
Lithuania | Vilnius | Q37 |
Germany | Berlin | Q183 | Federal Republic of Germany
France | Paris | Q142 |
United Kingdom | London | Q145 | UK; Britain
Italy | Rome | Q38 |
Spain | Madrid | Q29 |
Austria | Vienna | Q40 |
Czech Republic | Prague | Q213 | Czechia
Slovakia | Bratislava | Q214 |
Romania | Bucharest | Q218 |
Finland | Helsinki | Q33 |
Norway | Oslo | Q20 |
Denmark | Copenhagen | Q35 |
Netherlands | Amsterdam | Q55 |
Switzerland | Bern | Q39 |
Greece | Athens | Q41 |
Turkey | Ankara | Q43 | Türkiye
India | New Delhi | Q668 |
Canada | Ottawa | Q16 |
Georgia | Tbilisi | Q230 |
Moldova | Chișinău | Q217 | Republic of Moldova
Kazakhstan | Astana | Q232 |
Serbia | Belgrade | Q403 |
Iran | Tehran | Q794 | Islamic Republic of Iran
Belgium | Brussels | |
Portugal | Lisbon | |
Ireland | Dublin | |
Luxembourg | Luxembourg | |
Iceland | Reykjavík | |
Slovenia | Ljubljana | |
Croatia | Zagreb | |
Bosnia and Herzegovina | Sarajevo | |
Montenegro | Podgorica | |
Albania | Tirana | |
North Macedonia | Skopje | |
Bulgaria | Sofia | |
Cyprus | Nicosia | |
Malta | Valletta | |
Armenia | Yerevan | |
Azerbaijan | Baku | |
Uzbekistan | Tashkent | |
Kyrgyzstan | Bishkek | |
Tajikistan | Dushanbe | |
Turkmenistan | Ashgabat | |
Mongolia | Ulaanbaatar | |
North Korea | Pyongyang | | DPRK
South Korea | Seoul | | Republic of Korea
Vietnam | Hanoi | |
Thailand | Bangkok | |
Indonesia | Jakarta | |
Malaysia | Kuala Lumpur | |
Singapore | Singapore | |
Philippines | Manila | |
Australia | Canberra | |
New Zealand | Wellington | |
Pakistan | Islamabad | |
Afghanistan | Kabul | |
Bangladesh | Dhaka | |
Sri Lanka | Colombo | |
Nepal | Kathmandu | |
Israel | Jerusalem | |
Jordan | Amman | |
Lebanon | Beirut | |
Syria | Damascus | |
Iraq | Baghdad | |
Saudi Arabia | Riyadh | |
United Arab Emirates | Abu Dhabi | | UAE
Qatar | Doha | |
Kuwait | Kuwait City | |
Oman | Muscat | |
Egypt | Cairo | |
Libya | Tripoli | |
Tunisia | Tunis | |
Algeria | Algiers | |
Morocco | Rabat | |
Nigeria | Abuja | |
Ghana | Accra | |
Senegal | Dakar | |
Mali | Bamako | |
Niger | Niamey | |
Ethiopia | Addis Ababa | |
Kenya | Nairobi | |
Tanzania | Dodoma | |
Uganda | Kampala | |
Rwanda | Kigali | |
Angola | Luanda | |
Zimbabwe | Harare | |
South Africa | Pretoria | |
Mexico | Mexico City | |
Cuba | Havana | |
Venezuela | Caracas | |
Colombia | Bogotá | |
Peru | Lima | |
Brazil | Brasília | |
Argentina | Buenos Aires | |
Chile | Santiago | |
Uruguay | Montevideo | |
Bolivia | La Paz | |
Ecuador | Quito | |
Nicaragua | Managua | |
""")

# Name | other name. Listed before any generated organization.
INTERNATIONAL_ORGANIZATIONS = _table("""
European Union | EU
North Atlantic Treaty Organization | NATO
United Nations | UN
Organization for Security and Co-operation in Europe | OSCE
Council of Europe |
European Commission |
European Parliament |
International Monetary Fund | IMF
World Bank |
Eurasian Economic Union | EAEU
Collective Security Treaty Organization | CSTO
Shanghai Cooperation Organisation | SCO
International Atomic Energy Agency | IAEA
International Committee of the Red Cross | ICRC
United Nations Human Rights Council |
Amnesty International |
Human Rights Watch |
World Trade Organization | WTO
""")

# {country} and {capital} are a state's; {other} is another state's name.
NATIONAL_ORGANIZATIONS = [
    "Ministry of Foreign Affairs of {country}",
    "Ministry of Defence of {country}",
    "Ministry of Energy of {country}",
    "Ministry of Economy of {country}",
    "National Bank of {country}",
    "Parliament of {country}",
    "Office of the President of {country}",
    "State Security Committee of {country}",
    "State Border Committee of {country}",
    "Central Election Commission of {country}",
    "Supreme Court of {country}",
    "Chamber of Commerce of {country}",
    "State Television and Radio Company of {country}",
    "{capital} City Council",
    "Embassy of {country} in {other}",
]

# Group names read after "the": "the Weimar Triangle", "the Civic Platform of …".
INTERNATIONAL_GROUPS = [
    "Baltic states",
    "Nordic countries",
    "Visegrád Group",
    "Group of Seven",
    "Weimar Triangle",
    "Eastern Partnership countries",
    "Western Balkans",
]

NATIONAL_GROUPS = [
    "Opposition Coordination Council of {country}",
    "Association of Political Prisoners of {country}",
    "Civic Platform of {country}",
    "Union of Independent Journalists of {country}",
    "Diaspora Council of {country}",
    "Confederation of Free Trade Unions of {country}",
]

GIVEN_NAMES = """
Alexander Andrei Anna Aleksandra Bartosz Boris Dmitri Elena Eva Gábor Hanna
Ilona Inga Ivan Jan Jana János Julia Katarzyna Keith Kristina Lars Liisa
Maria Marek Marta Mykhailo Natallia Nikolai Olena Oleg Péter Piotr Radu Rasa
Ruslan Sergei Sofia Svetlana Tamás Tatsiana Tomas Valeria Viktor Vladimir
Yulia Zsófia Ahmed Aiko Amir Carlos Chen Daniel David Emma Farid Giorgi
Hiroshi Ingrid Isabel James John Karin Laura Lucas Mariam Mehmet Nadia Omar
Paul Rachel Samuel Sarah Thomas Wei Zeynep Ágnes Edvīns Jüri Kęstutis Oleksii
""".split()

FAMILY_NAMES = """
Novak Kowalski Horváth Nagy Kovács Tóth Szabó Varga Kiss Molnár Petrov
Ivanov Smirnov Sokolov Kuznetsov Popescu Ionescu Shevchenko Bondarenko
Kovalenko Tkachenko Melnyk Kravchenko Zhukov Lebedev Volkov Morozov
Nowak Wiśniewski Wójcik Kamiński Lewandowski Zieliński Ozols Bērziņš
Kalniņš Tamm Saar Sepp Kazlauskas Jankauskas Petrauskas Lindqvist Andersson
Johansson Nielsen Hansen Müller Schmidt Schneider Fischer Weber Meyer
Dubois Martin Bernard Rossi Russo Ferrari García Fernández López Smith
Johnson Williams Brown Miller Davis Wilson Anderson Taylor Moore Clark
Hall Tanaka Suzuki Watanabe Yamamoto Kim Lee Park Wang Zhang Liu Yılmaz
Kaya Demir Rahimi Hosseini Haddad Mansour Okafor Mensah Silva Santos
Pereira Gomes Kapanadze Beridze Harutyunyan Aliyev Mammadov Nurlanov
Kovalchuk Sidorenko Marchenko Vasilenko Karpenko Lysenko Zaitsev Pavlov
Orlov Belov Kozlov Novikov Hrytsenko Savchenko Yakovenko Dzhafarov
""".split()

# {country} is the person's state; {other} another state.
PERSON_POSITIONS = [
    "President of {country}",
    "Prime Minister of {country}",
    "Deputy Prime Minister of {country}",
    "Minister of Foreign Affairs of {country}",
    "Minister of Foreign Affairs and Trade of {country}",
    "Minister of Defence of {country}",
    "Minister of Energy of {country}",
    "Deputy Minister of Foreign Affairs of {country}",
    "Speaker of the Parliament of {country}",
    "Ambassador of {country} to {other}",
    "Special Representative of {country} for {other}",
    "Former Permanent Representative of {country} to the United Nations",
    "Adviser to the Head of the Office of the President of {country}",
    "Head of the State Security Committee of {country}",
    "Chairman of the National Bank of {country}",
    "Leader of the democratic opposition of {country}",
    "Member of the Parliament of {country}",
    "Human rights defender",
    "Journalist",
    "Political analyst",
    "",
]

# Offices many hold at once: never made "Former …" when taken.
SHARED_POSITIONS = {
    "Member of the Parliament of {country}",
    "Former Permanent Representative of {country} to the United Nations",
    "Human rights defender",
    "Journalist",
    "Political analyst",
    "",
}

AUTHOR_POSITIONS = [
    "Senior Research Fellow",
    "Research Fellow",
    "Junior Research Fellow",
    "Visiting Fellow",
    "Head of Research",
    "Director",
]

# Role | position of the people credited besides the authors.
STAFF_POSITIONS = {
    "editor": "Editor",
    "copy_editor": "Copy Editor",
    "translator": "Translator",
}

AFFILIATIONS = [
    "Hungarian Institute of International Affairs (HIIA)",
    "Hungarian Institute of International Affairs (HIIA)",
    "Hungarian Institute of International Affairs (HIIA)",
    "Corvinus University of Budapest",
    "Institute for Foreign Affairs and Trade",
    "Centre for Eastern Studies",
]

RESEARCH_AREAS = [
    "the foreign policy of Eastern European states",
    "sanctions and economic statecraft",
    "security in the Baltic Sea region",
    "relations between the European Union and its eastern neighbours",
    "Russian foreign and security policy",
    "human rights and political transitions",
    "energy security in Central Europe",
    "Chinese policy towards Europe",
]

SERIES = [
    "HIIA Perspective",
    "HIIA Perspective",
    "HIIA Analyses",
    "HIIA Commentary",
    "HIIA Policy Brief",
]
PUBLISHER = "Hungarian Institute of International Affairs"
PUBLISHER_URL = "https://www.hiia.hu/"
COVER_PHOTO_CREDITS = [
    "RBC-UKRAINE",
    "MTI",
    "Reuters",
    "AFP",
    "Wikimedia Commons",
    "Shutterstock",
    "",
]

TOPICS = [
    "the release of political prisoners",
    "sanctions relief",
    "potash exports",
    "cooperation in the nuclear sphere",
    "the war in Ukraine",
    "military exercises near the border",
    "energy security",
    "grain transit",
    "migration across the border",
    "border security",
    "the reopening of embassies",
    "air traffic restrictions",
    "peace negotiations",
    "trade in fertilizers",
    "the status of independent media",
    "prisoner exchanges",
    "the reopening of border crossings",
    "the future of the nuclear power plant",
]

SECTORS = [
    "Banking",
    "Potash fertilizers",
    "Oil and petroleum products",
    "Aviation",
    "Defence industry",
    "Timber",
    "Steel",
    "Dual-use goods",
    "Sovereign debt",
    "State media",
    "",
]

SANCTION_STATUS_NOTES = {
    "proposed": [
        "Proposed but not yet adopted.",
        "Under discussion; several member states have reservations.",
    ],
    "in_force": [
        "In force.",
        "Easing offered in exchange for the release of political prisoners; "
        "not lifted de jure.",
        "In force; some states are lobbying for the lifting of some of them.",
    ],
    "eased": [
        "Eased after the release of prisoners.",
        "Licences granted for some transactions; the regime stays in place.",
    ],
    "lifted": [
        "Lifted.",
        "Lifted as part of a wider agreement.",
    ],
}

# Where a source a brief cites might live; the path is made from the anchor.
SOURCE_SITES = [
    "https://www.reuters.com/world/europe/",
    "https://apnews.com/article/",
    "https://www.bbc.com/news/world-europe-",
    "https://kyivindependent.com/",
    "https://www.euractiv.com/section/politics/news/",
    "https://www.state.gov/briefings/",
    "https://www.consilium.europa.eu/en/press/press-releases/",
    "https://www.rferl.org/a/",
    "https://notesfrompoland.com/",
    "https://www.hiia.hu/en/",
]

# --- Sentences -------------------------------------------------------------------
# Placeholders name the brief's cast (see ``briefs.synthetic.corpus.Cast``), with "the"
# where running text needs it ("the EU", "the United States", but "NATO"); a
# sentence's first letter is capitalized afterwards. ``[[words]]`` marks where
# the brief may cite a source: it becomes ``[words][N]`` or stays plain words.

TITLES = [
    "A Turning Point or Merely a Tactical Move? {envoy_family}'s Visit to {focus} "
    "and What It Might Mean",
    "{focus} and {partner}: A Cautious Thaw?",
    "Between {partner} and {third}: {focus}'s Balancing Act",
    "The Limits of Engagement: {partner}'s Policy towards {focus}",
    "{focus}'s Opening to the West: Substance or Signal?",
    "Prisoners for Sanctions Relief? The Logic of {focus}'s Releases",
    "Quiet Diplomacy in {capital}: What the Talks Achieved",
    "After the Summit: {focus}, {partner} and {org}",
    "Old Friends, New Terms: {third} and {focus}",
    "{focus} in the Shadow of the War: Risks for {group}",
    "What {topic_title} Means for {focus}",
    "Sanctions, Prisoners and Bargains: {focus} after {year}",
]

HEADINGS = [
    "A Surprise Visit to an “Old Friend”?",
    "The Context: {focus} between {partner} and {third}",
    "What Was on the Table",
    "The Sanctions Question",
    "Prisoners as a Bargaining Chip",
    "{partner}'s Calculations",
    "Why {capital} Said Yes",
    "The View from {third_capital}",
    "Reactions in the Region",
    "The Role of {org}",
    "Risks and Limits",
    "Scenarios for {next_year}",
    "What It Means for {group}",
    "Economic Stakes",
    "Security Implications",
    "A Pattern of Gestures",
    "The Domestic Angle",
    "Winners and Losers",
]
CLOSING_HEADINGS = ["Conclusion", "Conclusions", "Outlook", "What Comes Next"]

SENTENCES = [
    "{leader} [[said]] that {focus} was ready to discuss {topic} with {partner}.",
    "According to {envoy}, the talks in {capital} [[covered]] {topic} and {topic2}.",
    "{partner} has [[long insisted]] that any easing of pressure on {focus} "
    "depends on {topic}.",
    "For {focus}, the contact with {partner} is a way to [[reduce its dependence]] "
    "on {third}.",
    "{org} [[reacted cautiously]], noting that {topic} remained unresolved.",
    "Observers in {third} [[see the visit]] as part of a wider effort to test "
    "{focus}'s room for manoeuvre.",
    "{minister} [[warned]] that concessions to {focus} could undermine the unity "
    "of {org}.",
    "The timing was not accidental: the contact came weeks before a meeting of {org}.",
    "Officials in {capital} [[described the talks]] as “frank and constructive”.",
    "{group} [[followed the talks closely]], fearing a deal made over their heads.",
    "It is too early to speak of a normalization of relations between {focus} "
    "and {partner}.",
    "{official}, {official_position}, [[told reporters]] that {focus} expected "
    "“concrete steps” in return.",
    "The release of prisoners has become [[a currency]] in {focus}'s dealings "
    "with the West.",
    "{third} [[has not commented]] officially, but its media presented the visit "
    "as a sign of Western weakness.",
    "In {when}, {envoy} [[returned to the subject]], calling {topic} "
    "“a precondition for any progress”.",
    "At the same time, {focus} [[continues to host]] troops of {third} and to "
    "take part in joint exercises.",
    "For {org}, the question is whether engagement rewards repression or reduces it.",
    "{leader} [[has used]] similar gestures before, in {past_year}, without "
    "lasting results.",
    "Several analysts [[argue]] that {partner} is seeking leverage over {third} "
    "through {focus}.",
    "{org} [[extended]] its restrictive measures against {focus} in {when}.",
    "{envoy} and {leader} [[spoke by phone]] in {when}.",
    "Trade between {focus} and {third} [[grew by {percent} per cent]] in {past_year}.",
    "Whether the thaw lasts will depend on {topic} and on the course of the war.",
    "{minister}, visiting {capital} in {when}, [[handed over]] a draft agreement "
    "on {topic}.",
    "Neither side [[published]] a joint statement after the meeting.",
    "{leader} is betting that {partner} values {topic} more than {org} does.",
    "The *de facto* easing of pressure does not amount to a change of policy in "
    "{partner}.",
    "Critics in {third} [[called the move]] “a reward for hostage-taking”.",
    "For {partner}, {focus} is a channel to {third} that few others can offer.",
    "{org} has so far [[kept its distance]] from the initiative.",
]

SUMMARY_SENTENCES = [
    "In {when}, {envoy_with_position} made a visit to {focus}, the "
    "highest-level contact between {partner} and {capital} in years.",
    "The meeting with {leader} signaled a cautious thaw amid {topic} and a "
    "diplomatic deadlock with {third}.",
    "While officially framed as a dialogue on {topic}, the visit resulted in "
    "{outcome}.",
    "This brief examines what {focus} seeks from the opening, what {partner} "
    "can offer, and what it means for {org} and {group}.",
    "It argues that the move is tactical rather than strategic.",
]

MEETING_TITLES = [
    "{visitor} meets {host} in {place}",
    "{visitor} visits {place}",
    "Talks between {visitor} and {host}",
    "{visitor} and {host} meet in {place}",
]

MEETING_OUTCOMES = [
    "The release of {number} political prisoners.",
    "An agreement to continue the dialogue at the level of deputy ministers.",
    "A memorandum on {topic}.",
    "No agreement; both sides called the talks useful.",
    "A joint statement on {topic}.",
]

MEETING_SIGNIFICANCE = [
    "The first high-level contact between {partner} and {focus} since {past_year}.",
    "The first visit by a senior official of an EU country after {past_year}.",
    "A meeting held while talks on {topic} went on elsewhere.",
    "A sign that {focus} seeks to widen its room for manoeuvre.",
]
