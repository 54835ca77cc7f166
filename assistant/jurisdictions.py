"""Jurisdictions: ISO codes, what people type for them, and how they nest.

People write "UK", "England", "Ontario", "NSW" or "I'm in Sydney"; the product works in
ISO 3166 codes (``GB``, ``GB-ENG``, ``CA-ON``, ``AU-NSW``) so every part names a place
the same way.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import UnknownJurisdiction  # noqa: F401  (re-exported where callers import it)

COUNTRIES: dict[str, str] = {
    "US": "United States",
    "CA": "Canada",
    "GB": "United Kingdom",
    "IE": "Ireland",
    "AU": "Australia",
    "NZ": "New Zealand",
}

US_STATES = {
    "AL": "alabama", "AK": "alaska", "AZ": "arizona", "AR": "arkansas", "CA": "california",
    "CO": "colorado", "CT": "connecticut", "DE": "delaware", "FL": "florida", "GA": "georgia",
    "HI": "hawaii", "ID": "idaho", "IL": "illinois", "IN": "indiana", "IA": "iowa",
    "KS": "kansas", "KY": "kentucky", "LA": "louisiana", "ME": "maine", "MD": "maryland",
    "MA": "massachusetts", "MI": "michigan", "MN": "minnesota", "MS": "mississippi",
    "MO": "missouri", "MT": "montana", "NE": "nebraska", "NV": "nevada", "NH": "new hampshire",
    "NJ": "new jersey", "NM": "new mexico", "NY": "new york", "NC": "north carolina",
    "ND": "north dakota", "OH": "ohio", "OK": "oklahoma", "OR": "oregon", "PA": "pennsylvania",
    "RI": "rhode island", "SC": "south carolina", "SD": "south dakota", "TN": "tennessee",
    "TX": "texas", "UT": "utah", "VT": "vermont", "VA": "virginia", "WA": "washington state",
    "WV": "west virginia", "WI": "wisconsin", "WY": "wyoming", "DC": "district of columbia",
}  # fmt: skip
CA_PROVINCES = {
    "ON": "ontario", "QC": "quebec", "BC": "british columbia", "AB": "alberta",
    "MB": "manitoba", "SK": "saskatchewan", "NS": "nova scotia", "NB": "new brunswick",
    "NL": "newfoundland", "PE": "prince edward island", "YT": "yukon",
    "NT": "northwest territories", "NU": "nunavut",
}  # fmt: skip
AU_STATES = {
    "NSW": "new south wales", "VIC": "victoria", "QLD": "queensland", "WA": "western australia",
    "SA": "south australia", "TAS": "tasmania", "ACT": "australian capital territory",
    "NT": "northern territory",
}  # fmt: skip
GB_NATIONS = {"ENG": "england", "SCT": "scotland", "WLS": "wales", "NIR": "northern ireland"}

# Extra words (lower-case) -> code. Cities people mention more than their state.
ALIASES: dict[str, str] = {
    "usa": "US", "u.s.": "US", "u.s.a.": "US", "united states": "US", "america": "US",
    "the states": "US", "american": "US",
    "canada": "CA", "canadian": "CA", "toronto": "CA-ON", "ottawa": "CA-ON", "montreal": "CA-QC",
    "montréal": "CA-QC", "québec": "CA-QC", "vancouver": "CA-BC", "calgary": "CA-AB",
    "edmonton": "CA-AB", "winnipeg": "CA-MB", "halifax": "CA-NS",
    "uk": "GB", "u.k.": "GB", "united kingdom": "GB", "britain": "GB", "great britain": "GB",
    "british": "GB", "london": "GB-ENG", "manchester": "GB-ENG", "birmingham": "GB-ENG",
    "leeds": "GB-ENG", "bristol": "GB-ENG", "liverpool": "GB-ENG", "english": "GB-ENG",
    "edinburgh": "GB-SCT", "glasgow": "GB-SCT", "scottish": "GB-SCT", "cardiff": "GB-WLS",
    "welsh": "GB-WLS", "belfast": "GB-NIR", "nhs": "GB",
    "ireland": "IE", "republic of ireland": "IE", "eire": "IE", "irish": "IE", "dublin": "IE",
    "cork": "IE", "galway": "IE",
    "australia": "AU", "australian": "AU", "aus": "AU", "oz": "AU", "sydney": "AU-NSW",
    "melbourne": "AU-VIC", "brisbane": "AU-QLD", "perth": "AU-WA", "adelaide": "AU-SA",
    "hobart": "AU-TAS", "canberra": "AU-ACT", "darwin": "AU-NT", "nsw": "AU-NSW",
    "new zealand": "NZ", "aotearoa": "NZ", "nz": "NZ", "kiwi": "NZ", "auckland": "NZ",
    "wellington": "NZ", "christchurch": "NZ",
    # More cities people name instead of their state, province, nation or country.
    "nyc": "US-NY", "new york city": "US-NY", "brooklyn": "US-NY", "manhattan": "US-NY", "queens": "US-NY",
    "the bronx": "US-NY", "buffalo": "US-NY", "rochester": "US-NY", "albany": "US-NY",
    "houston": "US-TX", "austin": "US-TX", "dallas": "US-TX", "san antonio": "US-TX", "fort worth": "US-TX",
    "el paso": "US-TX", "cleveland": "US-OH", "cincinnati": "US-OH", "columbus": "US-OH", "toledo": "US-OH",
    "los angeles": "US-CA", "san francisco": "US-CA", "san diego": "US-CA", "san jose": "US-CA",
    "sacramento": "US-CA", "oakland": "US-CA", "chicago": "US-IL", "philadelphia": "US-PA",
    "philly": "US-PA", "pittsburgh": "US-PA", "phoenix": "US-AZ", "tucson": "US-AZ", "seattle": "US-WA",
    "spokane": "US-WA", "boston": "US-MA", "denver": "US-CO", "atlanta": "US-GA", "miami": "US-FL",
    "orlando": "US-FL", "tampa": "US-FL", "jacksonville": "US-FL", "detroit": "US-MI",
    "minneapolis": "US-MN", "nashville": "US-TN", "memphis": "US-TN", "baltimore": "US-MD",
    "las vegas": "US-NV", "new orleans": "US-LA", "salt lake city": "US-UT", "st louis": "US-MO",
    "st. louis": "US-MO", "milwaukee": "US-WI", "indianapolis": "US-IN", "louisville": "US-KY",
    "raleigh": "US-NC", "richmond": "US-VA", "honolulu": "US-HI", "anchorage": "US-AK",
    "mississauga": "CA-ON", "brampton": "CA-ON", "kitchener": "CA-ON", "scarborough": "CA-ON",
    "thunder bay": "CA-ON", "sudbury": "CA-ON", "kingston": "CA-ON", "quebec city": "CA-QC",
    "laval": "CA-QC", "surrey": "CA-BC", "saskatoon": "CA-SK", "regina": "CA-SK", "fredericton": "CA-NB",
    "moncton": "CA-NB", "charlottetown": "CA-PE", "st john's": "CA-NL", "whitehorse": "CA-YT",
    "yellowknife": "CA-NT", "iqaluit": "CA-NU",
    "sheffield": "GB-ENG", "nottingham": "GB-ENG", "leicester": "GB-ENG", "brighton": "GB-ENG",
    "oxford": "GB-ENG", "cambridge": "GB-ENG", "york": "GB-ENG", "bradford": "GB-ENG", "coventry": "GB-ENG",
    "plymouth": "GB-ENG", "southampton": "GB-ENG", "norwich": "GB-ENG", "cornwall": "GB-ENG",
    "aberdeen": "GB-SCT", "dundee": "GB-SCT", "inverness": "GB-SCT", "swansea": "GB-WLS",
    "newport": "GB-WLS", "derry": "GB-NIR", "londonderry": "GB-NIR",
    "limerick": "IE", "waterford": "IE", "kilkenny": "IE", "sligo": "IE", "kerry": "IE",
    "gold coast": "AU-QLD", "sunshine coast": "AU-QLD", "cairns": "AU-QLD", "townsville": "AU-QLD",
    "geelong": "AU-VIC", "ballarat": "AU-VIC", "wollongong": "AU-NSW", "fremantle": "AU-WA",
    "launceston": "AU-TAS", "alice springs": "AU-NT",
    "dunedin": "NZ", "tauranga": "NZ", "napier": "NZ", "rotorua": "NZ", "palmerston north": "NZ",
    "queenstown": "NZ", "whangarei": "NZ",
}  # fmt: skip
# Written in capitals only, so the pronoun "us" is never read as a country.
CASE_SENSITIVE = {"US": "US", "USA": "US", "UK": "GB", "GB": "GB", "NZ": "NZ", "IE": "IE", "AU": "AU"}


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip().lower()


def _names() -> dict[str, str]:
    names = {name.lower(): code for code, name in COUNTRIES.items()}
    names.update({n: f"US-{c}" for c, n in US_STATES.items()})
    names.update({n: f"CA-{c}" for c, n in CA_PROVINCES.items()})
    names.update({n: f"AU-{c}" for c, n in AU_STATES.items()})
    names.update({n: f"GB-{c}" for c, n in GB_NATIONS.items()})
    names.update(ALIASES)
    return names


NAMES = _names()
KNOWN_CODES: set[str] = (
    set(COUNTRIES)
    | {f"US-{c}" for c in US_STATES}
    | {f"CA-{c}" for c in CA_PROVINCES}
    | {f"AU-{c}" for c in AU_STATES}
    | {f"GB-{c}" for c in GB_NATIONS}
)
NAME_PATTERN = re.compile(
    r"(?<![\w.])(" + "|".join(re.escape(n) for n in sorted(NAMES, key=len, reverse=True)) + r")(?![\w])"
)
CAPS_PATTERN = re.compile(r"\b(" + "|".join(CASE_SENSITIVE) + r")\b")
# "in Texas", "I'm in Ontario": place words that follow these are the user's location.
_AMBIGUOUS = {
    "victoria", "georgia", "washington state", "wellington", "perth", "darwin", "oz", "aus",
    # also first names or common words: counted only after "in", "from", "live(ing)" or "based"
    "austin", "phoenix", "columbus", "regina", "richmond", "kingston", "york", "surrey", "newport",
    "laval", "kerry", "queens", "charlottetown", "buffalo", "rochester", "toledo", "memphis", "cambridge",
    "oxford", "cornwall", "nelson", "jacksonville", "louisville", "napier",
}  # fmt: skip


def known_list() -> str:
    return ", ".join(f"{code} ({name})" for code, name in COUNTRIES.items())


def normalize(value: str | None) -> str | None:
    """Map what a person or a clinic typed to an ISO code; None or 'not sure' means unknown."""
    if value is None:
        return None
    folded = _fold(value)
    if folded in ("", "none", "not sure", "unknown", "any", "all", "null", "-"):
        return None
    upper = folded.upper().replace("_", "-")
    if upper in KNOWN_CODES:
        return upper
    if upper in CASE_SENSITIVE:
        return CASE_SENSITIVE[upper]
    if folded in NAMES:
        return NAMES[folded]
    raise UnknownJurisdiction(
        f"Unknown jurisdiction {value!r}. Use one of: {known_list()}, a subdivision such as "
        "US-TX, CA-ON, GB-SCT or AU-NSW, or a place name such as 'Ontario' or 'England'."
    )


def detect_named(text: str) -> tuple[str, str] | None:
    """(code, the words the message used) for the place a message names; the last mention wins."""
    found: list[tuple[int, str, str]] = []
    folded = _fold(text)
    for match in NAME_PATTERN.finditer(folded):
        name = match.group(1)
        if name in _AMBIGUOUS and not re.search(r"\b(in|from|live|living|based)\s+$", folded[: match.start()]):
            continue
        found.append((match.start(), NAMES[name], text[match.start() : match.end()]))
    found += [(m.start(), CASE_SENSITIVE[m.group(1)], m.group(1)) for m in CAPS_PATTERN.finditer(text)]
    if not found:
        return None
    _, code, words = max(found)
    return code, words


def detect(text: str) -> str | None:
    """The place a message names, if any ("what about in the UK?" -> GB); last mention wins."""
    named = detect_named(text)
    return named[0] if named else None


def without_places(text: str) -> str:
    """The text with place names taken out (a place decides the filter, never the ranking)."""
    return " ".join(NAME_PATTERN.sub(" ", _fold(text)).split())


def country(code: str | None) -> str | None:
    """The country part of a code: 'CA-ON' -> 'CA'."""
    return code.split("-")[0] if code else None


def family(code: str | None) -> list[str]:
    """Codes whose rules apply to someone in ``code``: itself, then its country."""
    if not code:
        return []
    top = country(code) or code
    return [code] if code == top else [code, top]


def label(code: str | None) -> str:
    """A readable name: 'CA-ON' -> 'Ontario, Canada'."""
    if not code:
        return "an unknown place"
    top = country(code) or code
    if code == top:
        return COUNTRIES.get(code, code)
    sub = code.split("-", 1)[1]
    table = {"US": US_STATES, "CA": CA_PROVINCES, "AU": AU_STATES, "GB": GB_NATIONS}.get(top, {})
    name = table.get(sub, sub).title()
    return f"{name}, {COUNTRIES.get(top, top)}"
