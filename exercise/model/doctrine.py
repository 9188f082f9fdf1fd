"""Doctrine vocabulary as enums: pillars, NATO baseline requirements, hybrid-threat domains,
escalation levels and the small closed lists the scenario language uses.

Every enum value is the slug used in YAML; `label(lang)` gives its name in `lang` (the English
here is the message id; the catalogues in `exercise/locale` translate it).
The names come from the 2024 cabinet letter (Kamerstuk 30821 nr. 249), NATO's Warsaw 2016
baseline requirements, the EU JRC / Hybrid CoE model and HSEEP 2020.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import GetCoreSchemaHandler
from pydantic_core import CoreSchema, core_schema

from ..language import N_, text

Language = str  # "en" or "nl"; kept as a plain string so mappings stay cheap to validate
LANGUAGES: tuple[str, ...] = ("en", "nl")


class _Labelled(StrEnum):
    """A StrEnum whose members carry a label: English, translated by `exercise.language`."""

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {}  # every subclass supplies its own labels

    @classmethod
    def __get_pydantic_core_schema__(cls, source: Any, handler: GetCoreSchemaHandler) -> CoreSchema:
        # In JSON a member is its value, written by str() in Rust rather than by a Python
        # `.value` lookup per member (a 10,000-inject scenario has 70,000 of them).
        schema: dict[str, Any] = dict(handler(source))
        schema["serialization"] = core_schema.to_string_ser_schema()
        return schema

    def label(self, lang: str = "en") -> str:
        return text(lang, self._labels()[self.value])


class Track(_Labelled):
    SOCIETAL = "societal-resilience"
    MILITARY = "military-preparedness"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "societal-resilience": N_("Societal resilience"),
            "military-preparedness": N_("Military preparedness"),
        }


class Pillar(_Labelled):
    VITAL_PROCESSES = "vital-processes"
    RESILIENT_SOCIETY = "resilient-society"
    DEMOCRACY_RULE_OF_LAW = "democracy-rule-of-law"
    RESILIENT_ECONOMY = "resilient-economy"
    TERRITORIAL_DEFENCE = "territorial-defence"
    CIVIL_MILITARY_SUPPORT = "civil-military-support"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "vital-processes": N_("Protecting vital and other important processes"),
            "resilient-society": N_("A prepared and resilient society"),
            "democracy-rule-of-law": N_("Upholding democracy, rule of law and government"),
            "resilient-economy": N_("A resilient economy"),
            "territorial-defence": N_("Protecting and defending own and allied territory"),
            "civil-military-support": N_(
                "Ensuring civil support to the armed forces in carrying out their military task"
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
    def _labels(cls) -> dict[str, str]:
        return {
            "government-continuity": N_(
                "Assured continuity of government and critical government services"
            ),
            "energy": N_("Resilient energy supplies"),
            "population-movement": N_(
                "Ability to deal effectively with uncontrolled movement of people"
            ),
            "food-water": N_("Resilient food and water resources"),
            "mass-casualties": N_(
                "Ability to deal with mass casualties and disruptive health crises"
            ),
            "civil-communications": N_("Resilient civil communications systems"),
            "transport": N_("Resilient transport systems"),
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
    def _labels(cls) -> dict[str, str]:
        return {
            "infrastructure": N_("Infrastructure"),
            "cyber": N_("Cyber"),
            "space": N_("Space"),
            "economy": N_("Economy"),
            "military": N_("Military"),
            "culture": N_("Culture"),
            "social": N_("Social"),
            "public-administration": N_("Public administration"),
            "legal": N_("Legal"),
            "intelligence": N_("Intelligence"),
            "diplomacy": N_("Diplomacy"),
            "political": N_("Political"),
            "information": N_("Information"),
        }


class Level(_Labelled):
    """Escalation ladder; members compare by rank (L0 < L1 < ... < L4)."""

    L0 = "L0"
    L1 = "L1"
    L2 = "L2"
    L3 = "L3"
    L4 = "L4"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "L0": N_("Competition (priming)"),
            "L1": N_("Hybrid campaign (destabilisation)"),
            "L2": N_("Pre-conflict / heightened readiness (coercion)"),
            "L3": N_("Armed conflict (NATO Article 5)"),
            "L4": N_("Recovery"),
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
    def _labels(cls) -> dict[str, str]:
        return {
            "none": N_("No attribution"),
            "low": N_("Low confidence"),
            "medium": N_("Medium confidence"),
            "high": N_("High confidence"),
        }


class CommsElement(_Labelled):
    """The three elements of the letter's communication approach."""

    THREAT_INFO = "threat-info"
    PREPARATION_INFO = "preparation-info"
    ACTION_PERSPECTIVE = "action-perspective"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "threat-info": N_("Information about the threat and its consequences"),
            "preparation-info": N_("How government and partners prepare"),
            "action-perspective": N_("Action perspective: what people can do themselves"),
        }

    @classmethod
    def short_labels(cls) -> dict[str, str]:
        """The elements' short names (English message ids), as forms and tables show them."""
        return {
            "threat-info": N_("Threat information"),
            "preparation-info": N_("How we prepare"),
            "action-perspective": N_("Action perspective"),
        }

    def short(self, lang: str = "en") -> str:
        return text(lang, self.short_labels()[self.value])


class Rating(_Labelled):
    """HSEEP performance rating; always a human evaluator's call."""

    P = "P"
    S = "S"
    M = "M"
    U = "U"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "P": N_("Performed without challenges"),
            "S": N_("Performed with some challenges"),
            "M": N_("Performed with major challenges"),
            "U": N_("Unable to be performed"),
        }


class RoleKind(_Labelled):
    PLAYER = "player"
    FACILITATOR = "facilitator"
    EVALUATOR = "evaluator"
    OBSERVER = "observer"
    SIMCELL = "simcell"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "player": N_("Player"),
            "facilitator": N_("Facilitator / exercise control"),
            "evaluator": N_("Evaluator"),
            "observer": N_("Observer"),
            "simcell": N_("Simulation cell"),
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
    def _labels(cls) -> dict[str, str]:
        return {
            "email": N_("E-mail"),
            "phone": N_("Phone call"),
            "news": N_("News report"),
            "social": N_("Social media"),
            "sitrep": N_("Situation report"),
            "nl-alert": N_("NL-Alert"),
            "briefing": N_("Briefing"),
            "other": N_("Other"),
        }


class ProductKind(_Labelled):
    """The kinds of communication product (communicatiemiddel) a role can issue."""

    PRESS_RELEASE = "press-release"
    NL_ALERT = "nl-alert"
    SOCIAL_POST = "social-post"
    PRESS_LINE = "press-line"
    CORE_MESSAGE = "core-message"
    PARLIAMENT_LETTER = "parliament-letter"
    SECTOR_MESSAGE = "sector-message"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "press-release": N_("Press release"),
            "nl-alert": N_("NL-Alert"),
            "social-post": N_("Social media post"),
            "press-line": N_("Press conference line"),
            "core-message": N_("Core message"),
            "parliament-letter": N_("Letter to parliament"),
            "sector-message": N_("Message to a sector"),
        }


class MediaKind(_Labelled):
    """What a media inject is in the simulated news and social feed."""

    ARTICLE = "article"
    POST = "post"
    TV = "tv"
    RADIO = "radio"

    @classmethod
    def _labels(cls) -> dict[str, str]:
        return {
            "article": N_("News article"),
            "post": N_("Social media post"),
            "tv": N_("TV item"),
            "radio": N_("Radio item"),
        }
