"""Doctrine vocabulary as enums: pillars, NATO baseline requirements, hybrid-threat domains,
escalation levels and the small closed lists the scenario language uses.

Every enum value is the slug used in YAML; `label(lang)` gives the Dutch or English name.
The names come from the 2024 cabinet letter (Kamerstuk 30821 nr. 249), NATO's Warsaw 2016
baseline requirements, the EU JRC / Hybrid CoE model and HSEEP 2020.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

Language = str  # "en" or "nl"; kept as a plain string so mappings stay cheap to validate
LANGUAGES: tuple[str, ...] = ("en", "nl")


class _Labelled(StrEnum):
    """A StrEnum whose members carry an English and a Dutch label."""

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {}  # every subclass supplies its own labels

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # In JSON a member is its value, written by str() in Rust rather than by a Python
        # `.value` lookup per member (a 10,000-inject scenario has 70,000 of them).
        schema: dict[str, Any] = dict(handler(source))
        schema["serialization"] = core_schema.to_string_ser_schema()
        return schema

    def label(self, lang: str = "en") -> str:
        en, nl = self._labels()[self.value]
        return nl if lang == "nl" else en


class Track(_Labelled):
    SOCIETAL = "societal-resilience"
    MILITARY = "military-preparedness"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "societal-resilience": ("Societal resilience", "Maatschappelijke weerbaarheid"),
            "military-preparedness": ("Military preparedness", "Militaire paraatheid"),
        }


class Pillar(_Labelled):
    VITAL_PROCESSES = "vital-processes"
    RESILIENT_SOCIETY = "resilient-society"
    DEMOCRACY_RULE_OF_LAW = "democracy-rule-of-law"
    RESILIENT_ECONOMY = "resilient-economy"
    TERRITORIAL_DEFENCE = "territorial-defence"
    CIVIL_MILITARY_SUPPORT = "civil-military-support"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "vital-processes": (
                "Protecting vital and other important processes",
                "Het beschermen van vitale en andere belangrijke processen in de maatschappij",
            ),
            "resilient-society": (
                "A prepared and resilient society",
                "Een parate en veerkrachtige samenleving",
            ),
            "democracy-rule-of-law": (
                "Upholding democracy, rule of law and government",
                "Het overeind houden van de Nederlandse democratie, rechtstaat en overheid",
            ),
            "resilient-economy": ("A resilient economy", "Een weerbare economie"),
            "territorial-defence": (
                "Protecting and defending own and allied territory",
                "Het beschermen en verdedigen van het eigen en bondgenootschappelijk grondgebied",
            ),
            "civil-military-support": (
                "Ensuring civil support to the armed forces",
                "Het waarborgen van civiele ondersteuning aan de krijgsmacht",
            ),
        }

    @property
    def track(self) -> Track:
        military = {Pillar.TERRITORIAL_DEFENCE, Pillar.CIVIL_MILITARY_SUPPORT}
        return Track.MILITARY if self in military else Track.SOCIETAL


class NatoRequirement(_Labelled):
    GOVERNMENT_CONTINUITY = "government-continuity"
    ENERGY = "energy"
    POPULATION_MOVEMENT = "population-movement"
    FOOD_WATER = "food-water"
    MASS_CASUALTIES = "mass-casualties"
    CIVIL_COMMUNICATIONS = "civil-communications"
    TRANSPORT = "transport"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "government-continuity": (
                "Assured continuity of government and critical government services",
                "Gewaarborgde continuïteit van bestuur en vitale overheidsdiensten",
            ),
            "energy": ("Resilient energy supplies", "Weerbare energievoorziening"),
            "population-movement": (
                "Ability to deal effectively with uncontrolled movement of people",
                "Vermogen om ongecontroleerde bevolkingsbewegingen op te vangen",
            ),
            "food-water": (
                "Resilient food and water resources",
                "Weerbare voedsel- en watervoorziening",
            ),
            "mass-casualties": (
                "Ability to deal with mass casualties and disruptive health crises",
                "Vermogen om massale aantallen slachtoffers en ontwrichtende gezondheidscrises "
                "op te vangen",
            ),
            "civil-communications": (
                "Resilient civil communications systems",
                "Weerbare civiele communicatiesystemen",
            ),
            "transport": ("Resilient transport systems", "Weerbare transportsystemen"),
        }


class HybridDomain(_Labelled):
    INFRASTRUCTURE = "infrastructure"
    CYBER = "cyber"
    SPACE = "space"
    ECONOMY = "economy"
    MILITARY = "military"
    CULTURE = "culture"
    SOCIAL = "social"
    PUBLIC_ADMINISTRATION = "public-administration"
    LEGAL = "legal"
    INTELLIGENCE = "intelligence"
    DIPLOMACY = "diplomacy"
    POLITICAL = "political"
    INFORMATION = "information"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "infrastructure": ("Infrastructure", "Infrastructuur"),
            "cyber": ("Cyber", "Cyber"),
            "space": ("Space", "Ruimte"),
            "economy": ("Economy", "Economie"),
            "military": ("Military", "Militair"),
            "culture": ("Culture", "Cultuur"),
            "social": ("Social", "Sociaal"),
            "public-administration": ("Public administration", "Openbaar bestuur"),
            "legal": ("Legal", "Juridisch"),
            "intelligence": ("Intelligence", "Inlichtingen"),
            "diplomacy": ("Diplomacy", "Diplomatie"),
            "political": ("Political", "Politiek"),
            "information": ("Information", "Informatie"),
        }


class Level(_Labelled):
    """Escalation ladder; members compare by rank (L0 < L1 < ... < L4)."""

    L0 = "L0"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    L4 = "L4"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "L0": ("Competition (priming)", "Competitie (voorbereiding)"),
            "L1": ("Hybrid campaign (destabilisation)", "Hybride campagne (destabilisatie)"),
            "L2": (
                "Pre-conflict / heightened readiness (coercion)",
                "Pre-conflict / verhoogde paraatheid (dwang)",
            ),
            "L3": ("Armed conflict (NATO Article 5)", "Gewapend conflict (NAVO artikel 5)"),
            "L4": ("Recovery", "Herstel"),
        }

    @property
    def rank(self) -> int:
        return int(self.value[1])


class Attribution(_Labelled):
    NONE = "none"
    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "none": ("No attribution", "Geen attributie"),
            "low": ("Low confidence", "Lage zekerheid"),
            "medium": ("Medium confidence", "Gemiddelde zekerheid"),
            "high": ("High confidence", "Hoge zekerheid"),
        }


class CommsElement(_Labelled):
    """The three elements of the letter's communication approach."""

    THREAT_INFO = "threat-info"
    PREPARATION_INFO = "preparation-info"
    ACTION_PERSPECTIVE = "action-perspective"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "threat-info": (
                "Information about the threat and its consequences",
                "Informatie over de dreiging en de gevolgen",
            ),
            "preparation-info": (
                "How government and partners prepare",
                "Hoe overheid en partners zich voorbereiden",
            ),
            "action-perspective": (
                "Action perspective: what people can do themselves",
                "Handelingsperspectief: wat mensen zelf kunnen doen",
            ),
        }


class Rating(_Labelled):
    """HSEEP performance rating; always a human evaluator's call."""

    P = "P"
    S = "S"
    M = "M"
    U = "U"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "P": ("Performed without challenges", "Uitgevoerd zonder knelpunten"),
            "S": ("Performed with some challenges", "Uitgevoerd met enkele knelpunten"),
            "M": ("Performed with major challenges", "Uitgevoerd met grote knelpunten"),
            "U": ("Unable to be performed", "Niet uitgevoerd"),
        }


class RoleKind(_Labelled):
    PLAYER = "player"
    FACILITATOR = "facilitator"
    EVALUATOR = "evaluator"
    OBSERVER = "observer"
    SIMCELL = "simcell"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "player": ("Player", "Speler"),
            "facilitator": ("Facilitator / exercise control", "Facilitator / oefenleiding"),
            "evaluator": ("Evaluator", "Evaluator"),
            "observer": ("Observer", "Waarnemer"),
            "simcell": ("Simulation cell", "Responscel"),
        }


class Method(_Labelled):
    """How an inject reaches its recipients."""

    EMAIL = "email"
    PHONE = "phone"
    NEWS = "news"
    SOCIAL = "social"
    SITREP = "sitrep"
    NL_ALERT = "nl-alert"
    BRIEFING = "briefing"
    OTHER = "other"

    @classmethod
    def _labels(cls) -> dict[str, tuple[str, str]]:
        return {
            "email": ("E-mail", "E-mail"),
            "phone": ("Phone call", "Telefoongesprek"),
            "news": ("News report", "Nieuwsbericht"),
            "social": ("Social media", "Sociale media"),
            "sitrep": ("Situation report", "Situatierapport"),
            "nl-alert": ("NL-Alert", "NL-Alert"),
            "briefing": ("Briefing", "Briefing"),
            "other": ("Other", "Overig"),
        }
