"""Contraindication screening of one candidate plan item (reference sections 0.1-0.8, 5.7, 7).

``screen`` checks a technique at its treatment site against the patient's flags and the
assessment's findings and answers contraindicated, precaution or allowed, always with the reasons
and the section each comes from. The rules are reviewed data: ``RULES`` is the whole table, read
from ``practice/data/screening_rules.toml`` and validated at start-up (``load_screening_rules``).

How sites are matched (0.2):

- A flag with a site reaches the regions the region map gives for its kind
  (``practice/data/regions.toml``, ``practice.clinical.regions``): the region itself ("over"),
  the region and its neighbours ("over or near", "in/around") or every region of its limb ("in
  that limb": DVT, lymphoedema, PAD), on its side. A bilateral side, a midline one
  (``Side.NOT_APPLICABLE``) or a region outside the limbs matches both sides. A flag whose region
  cannot be resolved covers its whole limb, or the whole body, and its reason says so. The reason
  names where the flag was recorded. A finding with a limb reach acts on its limb; any other
  finding on its own region and side.
- A flag without a site (active implant, epilepsy, anticoagulants, ...) acts wherever the
  technique is applied; some of its rules are limited to placement regions (pregnancy on the
  abdomen and lumbopelvic region for electrotherapy).
- A flag that should have a site but has none recorded is treated as acting at every site, and
  its reason says so: a DVT must never be missed because its limb was not entered.
- An item with no body site (``BodyRegion.WHOLE_BODY``, e.g. walking or relaxed breathing) is
  treated as involving every site, so a DVT in a leg contraindicates aerobic walking (vigorous
  limb exercise, 0.5) while relaxed breathing, which no rule names (7.14), stays allowed.

Positive red-flag answers (1.2) screen too, by ``RedFlagRule`` rows that are reviewed data
(``practice/data/red_flag_rules.toml``, loaded by ``practice.seed.load_red_flag_rules``), and
by one record rule (0.12): while a "yes" has no referral recorded, every technique is a
precaution until it is. See ``referral_recorded`` for what counts as recorded.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import KW_ONLY, dataclass, replace
from enum import StrEnum
from functools import cache
from typing import Any, Protocol

from practice.clinical.assessment_data import RedFlagAnswer, RedFlagScreen
from practice.clinical.catalogues import RED_FLAGS
from practice.clinical.labels import in_sentence
from practice.clinical.regions import RegionMap, load_region_map
from practice.clinical.tables import Row, read_data_file, rows
from practice.clinical.vocabulary import (
    CATEGORY_OF_KIND,
    LIMB_OF_REGION,
    PREGNANCY_QUALIFIERS,
    BodyRegion,
    FindingKind,
    FlagKind,
    FlagSiteKind,
    Side,
    TechniqueCategory,
    TechniqueKind,
    flag_site_kind,
)


class Verdict(StrEnum):
    """The three screening outcomes (0.1), declared from most to least serious."""

    CONTRAINDICATED = "contraindicated"
    PRECAUTION = "precaution"
    ALLOWED = "allowed"

    @property
    def seriousness(self) -> int:
        """2 for contraindicated, 1 for precaution, 0 for allowed."""
        return _SERIOUSNESS[self]


_SERIOUSNESS = {verdict: len(Verdict) - 1 - index for index, verdict in enumerate(Verdict)}


@dataclass(frozen=True)
class TreatmentSite:
    """Where a plan item is applied; for electrotherapy, the electrode placement region (0.2)."""

    region: BodyRegion
    side: Side


WHOLE_BODY_SITE = TreatmentSite(BodyRegion.WHOLE_BODY, Side.NOT_APPLICABLE)


@dataclass(frozen=True)
class PatientFlag:
    """A patient flag as screening reads it.

    ``site`` is the first region it was recorded at, with the flag's side; a flag recorded at
    several regions (a wound across the wrist and the forearm) lists the others in
    ``more_regions``, on the same side. A region that could not be read is
    ``BodyRegion.WHOLE_BODY``: its reach is widened to the whole body, never dropped.
    ``trimester`` and ``high_risk`` belong to a pregnancy, ``technique`` to a declined technique.
    """

    kind: FlagKind
    site: TreatmentSite | None = None
    note: str = ""
    _: KW_ONLY
    more_regions: tuple[BodyRegion, ...] = ()
    trimester: int | None = None
    high_risk: bool = False
    technique: TechniqueKind | None = None

    def __post_init__(self) -> None:
        if self.more_regions and self.site is None:
            raise ValueError("a flag's further regions need its first site and side")

    @property
    def sites(self) -> tuple[TreatmentSite, ...]:
        """Every region the flag was recorded at, each with the flag's side."""
        if self.site is None:
            return ()
        side = self.site.side
        return (self.site, *(TreatmentSite(region, side) for region in self.more_regions))

    def screened_for(self, technique: TechniqueKind) -> tuple[PatientFlag, ...]:
        """The flags the rules read this one as, for ``technique``. A declined technique acts on
        that technique only (7.5 "patient unwilling"), or on every technique when the technique
        could not be read; a pregnancy in its first trimester (or with no trimester recorded),
        or high-risk, is also read as that (``vocabulary.PREGNANCY_QUALIFIERS``, 7.3)."""
        if self.kind is FlagKind.TECHNIQUE_DECLINED:
            return (self,) if self.technique in (None, technique) else ()
        if self.kind is not FlagKind.PREGNANCY:
            return (self,)
        qualifiers = [FlagKind.PREGNANCY_FIRST_TRIMESTER] if self.trimester in (None, 1) else []
        qualifiers += [FlagKind.HIGH_RISK_PREGNANCY] if self.high_risk else []
        return (self, *(replace(self, kind=kind) for kind in qualifiers))


class SiteFinding(Protocol):
    """What screening reads from an assessment finding."""

    @property
    def kind(self) -> FindingKind: ...

    @property
    def region(self) -> BodyRegion: ...

    @property
    def side(self) -> Side: ...


@dataclass(frozen=True)
class Reason:
    verdict: Verdict
    text: str
    section: str


@dataclass(frozen=True)
class ScreeningResult:
    verdict: Verdict
    reasons: tuple[Reason, ...]

    def __post_init__(self) -> None:
        if not self.reasons:
            raise ValueError("a screening result always carries its reasons (0.1)")
        most_serious = max(
            (reason.verdict for reason in self.reasons), key=lambda verdict: verdict.seriousness
        )
        if self.verdict is not most_serious:
            raise ValueError(f"verdict {self.verdict} is not the most serious of its reasons")


class Where(StrEnum):
    ANYWHERE = "anywhere"  # wherever the technique is applied
    AT_SITE = "at_site"  # at a site the flag or finding reaches (0.2)
    IN_REGIONS = "in_regions"  # only when the treatment site is one of the rule's regions


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One row of the screening table (``practice/data/screening_rules.toml``).

    A rule with neither flags nor findings is a placement rule: it applies in its regions whatever
    the patient has. ``sections`` lists the deciding section first; the reason cites that one.
    """

    key: str
    flags: tuple[FlagKind, ...] = ()
    findings: tuple[FindingKind, ...] = ()
    techniques: tuple[TechniqueKind, ...]
    where: Where
    regions: tuple[BodyRegion, ...] = ()
    verdict: Verdict
    text: str
    sections: tuple[str, ...]
    source: str

    def __post_init__(self) -> None:
        if not self.techniques or not self.sections:
            raise ValueError("a screening rule names its techniques and its sections")
        if self.verdict is Verdict.ALLOWED:
            raise ValueError("a screening rule contraindicates or cautions; it never allows")
        if bool(self.regions) != (self.where is Where.IN_REGIONS):
            raise ValueError("regions are given exactly when where is 'in_regions'")
        sited = [flag for flag in self.flags if flag_site_kind(flag) is not FlagSiteKind.NONE]
        unsited = [flag.value for flag in self.flags if flag not in sited]
        if self.where is Where.AT_SITE and unsited:
            raise ValueError(f"flags without a site cannot act 'at_site': {', '.join(unsited)}")
        if self.where is not Where.AT_SITE and sited:
            names = ", ".join(flag.value for flag in sited)
            raise ValueError(f"flags with a site act 'at_site', not {self.where.value!r}: {names}")


FINDING_REACH: dict[FindingKind, FlagSiteKind] = {
    FindingKind.ARTERIAL_INSUFFICIENCY: FlagSiteKind.LIMB,
    FindingKind.DELAYED_CAPILLARY_REFILL: FlagSiteKind.LIMB,
    FindingKind.ABI_UNRELIABLE: FlagSiteKind.LIMB,
}
"""Findings that act on their whole limb, like the PAD flag (5.7); any other acts locally."""

SCREENING_RULES_FILE = "screening_rules.toml"
RULE_FIELDS = (
    "flags",
    "findings",
    "techniques",
    "where",
    "regions",
    "regions_except",
    "verdict",
    "text",
)


@cache
def load_screening_rules() -> tuple[Rule, ...]:
    """Read and validate the screening table shipped inside the package."""
    return screening_rules_from_document(read_data_file(SCREENING_RULES_FILE))


def screening_rules_from_document(document: Mapping[str, Any]) -> tuple[Rule, ...]:
    """Validate a parsed ``screening_rules.toml``; raises ValueError naming the row and field."""
    groups = dict(
        rows(document, SCREENING_RULES_FILE, "technique_groups", _technique_group, ("techniques",))
    )
    return rows(
        document, SCREENING_RULES_FILE, "rules", lambda row: _rule(row, groups), RULE_FIELDS
    )


def _technique_group(row: Row) -> tuple[str, tuple[TechniqueKind, ...]]:
    """A named group of techniques; one named after a category lists exactly its kinds."""
    if row.key in set(TechniqueKind):
        raise row.error("key", "a technique kind cannot be redefined as a group")
    techniques = row.members("techniques", TechniqueKind)
    row.sections()
    if not techniques:
        raise row.error("techniques", "must list techniques")
    if row.key in set(TechniqueCategory):
        category = [kind for kind, of in CATEGORY_OF_KIND.items() if of == row.key]
        if sorted(techniques) != sorted(category):
            raise row.error("techniques", f"must be the {row.key} kinds: {', '.join(category)}")
    return row.key, techniques


def _rule(row: Row, groups: Mapping[str, tuple[TechniqueKind, ...]]) -> Rule:
    techniques: list[TechniqueKind] = []
    for name in row.texts("techniques"):
        if name not in groups and name not in set(TechniqueKind):
            known = ", ".join([*groups, *TechniqueKind])
            raise row.error("techniques", f"unknown technique or group {name!r}; known: {known}")
        techniques += groups[name] if name in groups else (TechniqueKind(name),)
    if "regions_except" in row.table:
        if "regions" in row.table:
            raise row.error("regions_except", "give regions or regions_except, not both")
        excluded = row.members("regions_except", BodyRegion)
        regions = tuple(region for region in BodyRegion if region not in excluded)
    else:
        regions = row.members("regions", BodyRegion, required=False)
    fields = {
        "key": row.key,
        "flags": row.members("flags", FlagKind, required=False),
        "findings": row.members("findings", FindingKind, required=False),
        "techniques": tuple(dict.fromkeys(techniques)),
        "where": row.member("where", Where),
        "regions": regions,
        "verdict": row.member("verdict", Verdict),
        "text": row.text("text"),
        "sections": row.sections(),
        "source": row.source,
    }
    return row.checked(lambda: Rule(**fields))


RULES = load_screening_rules()
"""The whole screening table, validated at import (start-up)."""

_RULES_OF_TECHNIQUE = {
    technique: tuple(rule for rule in RULES if technique in rule.techniques)
    for technique in TechniqueKind
}
"""The table's rules for each technique, in the table's order: ``screen`` reads only those."""


class RedFlagReach(StrEnum):
    """Where a red-flag rule acts, from the answer's region and side (``RedFlagScreen``)."""

    LIMB = "limb"  # every region of the answer's limb, on its side (DVT: "the limb", 1.2)
    SITE = "site"  # the answer's own region and side
    REGIONS = "regions"  # the rule's own regions, either side (vascular signs: the neck)
    ANYWHERE = "anywhere"  # wherever the technique is applied


@dataclass(frozen=True, kw_only=True)
class RedFlagRule:
    """One reviewed row of ``red_flag_rules.toml``: a positive answer to ``red_flag`` makes
    ``techniques`` ``verdict`` where ``reach`` says, and it lasts ``until`` (what ends it once the
    referral is recorded; a recorded referral is never a clearance). ``sections`` lists the
    deciding section first."""

    key: str
    red_flag: str  # a code of ``catalogues.RED_FLAGS``
    techniques: tuple[TechniqueKind, ...]
    reach: RedFlagReach
    regions: tuple[BodyRegion, ...] = ()
    verdict: Verdict
    text: str
    until: str
    sections: tuple[str, ...]
    source: str

    def __post_init__(self) -> None:
        if self.red_flag not in RED_FLAGS:
            raise ValueError(f"unknown red flag {self.red_flag!r}")
        if not self.techniques or not self.sections:
            raise ValueError("a red-flag rule names its techniques and its sections")
        if self.verdict is Verdict.ALLOWED:
            raise ValueError("a red-flag rule contraindicates or cautions; it never allows")
        if bool(self.regions) != (self.reach is RedFlagReach.REGIONS):
            raise ValueError("regions are given exactly when the reach is 'regions'")


def referral_recorded(answer: RedFlagScreen) -> bool:
    """Whether a positive answer's referral action is recorded: what was done, where the patient
    was referred and the urgency, the three facts 0.12 asks for before finalising. The date
    (``referred_on``) is shown when given but not required, as in 0.12."""
    return bool(answer.action_taken.strip() and answer.referral_to.strip() and answer.urgency)


def screen(
    technique: TechniqueKind,
    site: TreatmentSite,
    flags: Iterable[PatientFlag],
    findings: Iterable[SiteFinding] = (),
    *,
    red_flags: Iterable[RedFlagScreen] = (),
    red_flag_rules: Iterable[RedFlagRule] | None = None,
    region_map: RegionMap | None = None,
) -> ScreeningResult:
    """Screen one plan item: the technique at its treatment site, against flags, findings and
    the red-flag answers (``red_flag_rules`` is needed as soon as one answer is "yes").
    ``region_map`` defaults to the reviewed ``regions.toml``."""
    region_map = region_map or load_region_map()
    patient_flags = tuple(each for flag in flags for each in flag.screened_for(technique))
    site_findings = tuple(findings)
    reasons = [
        _reason(rule, technique, "".join(dict.fromkeys(details)))
        for rule in _RULES_OF_TECHNIQUE[technique]
        if _in_rule_regions(rule, site)
        for details in [list(_triggers(rule, site, patient_flags, site_findings, region_map))]
        if details
    ]
    reasons += _red_flag_reasons(technique, site, red_flags, red_flag_rules)
    if not reasons:
        reasons.append(_nothing_applies(technique))
    unique = dict.fromkeys(reasons)
    ordered = tuple(sorted(unique, key=lambda reason: -reason.verdict.seriousness))
    return ScreeningResult(ordered[0].verdict, ordered)


def _in_rule_regions(rule: Rule, site: TreatmentSite) -> bool:
    if rule.where is not Where.IN_REGIONS:
        return True
    return site.region == BodyRegion.WHOLE_BODY or site.region in rule.regions


def _triggers(
    rule: Rule,
    site: TreatmentSite,
    flags: tuple[PatientFlag, ...],
    findings: tuple[SiteFinding, ...],
    region_map: RegionMap,
) -> Iterator[str]:
    """Yield a detail for each flag or finding that sets the rule off at this site; one rule
    gives one reason, listing every flag that set it off and where it was recorded."""
    if not rule.flags and not rule.findings:
        yield ""
        return
    at_site = rule.where is Where.AT_SITE
    for flag in flags:
        if flag.kind in rule.flags and (not at_site or _reaches(flag, site, region_map)):
            yield _flag_detail(flag, region_map)
    for finding in findings:
        if finding.kind in rule.findings and (not at_site or _finding_reaches(finding, site)):
            yield ""


def _reaches(flag: PatientFlag, site: TreatmentSite, region_map: RegionMap) -> bool:
    """Whether the reach (region map, 0.2) of any region the flag was recorded at includes the
    site, on the same side."""
    if flag.site is None or site.region == BodyRegion.WHOLE_BODY:
        return True
    return any(_region_reaches(flag.kind, each, site, region_map) for each in flag.sites)


def _region_reaches(
    kind: FlagKind, recorded: TreatmentSite, site: TreatmentSite, region_map: RegionMap
) -> bool:
    if site.region not in region_map.reach(kind, recorded.region).regions:
        return False
    midline = not all(region in LIMB_OF_REGION for region in (recorded.region, site.region))
    return midline or _sides_match(recorded.side, site.side)


def _finding_reaches(finding: SiteFinding, site: TreatmentSite) -> bool:
    reach = FINDING_REACH.get(finding.kind, FlagSiteKind.LOCAL)
    return _site_matches(finding.region, finding.side, reach, site)


def _site_matches(region: BodyRegion, side: Side, reach: FlagSiteKind, site: TreatmentSite) -> bool:
    if BodyRegion.WHOLE_BODY in (region, site.region):
        return True
    if not _sides_match(side, site.side):
        return False
    if reach == FlagSiteKind.LIMB and region in LIMB_OF_REGION:
        return LIMB_OF_REGION.get(site.region) == LIMB_OF_REGION[region]
    return site.region == region


def _sides_match(first: Side, second: Side) -> bool:
    either_side = (Side.BILATERAL, Side.NOT_APPLICABLE)
    return first == second or first in either_side or second in either_side


def _flag_detail(flag: PatientFlag, region_map: RegionMap) -> str:
    """What the reason says of one flag: its note, what the record says of it, every region it
    was recorded at with its side, and why its reach was widened."""
    detail = f"; recorded: {flag.note}" if flag.note else ""
    detail += _flag_facts(flag)
    if flag.site is None:
        if flag_site_kind(flag.kind) != FlagSiteKind.NONE:
            detail += "; no site recorded for this flag, so it is treated as applying here"
        return detail
    side = f" ({flag.site.side})" if flag.site.side in (Side.LEFT, Side.RIGHT) else ""
    detail += f"; {in_sentence(flag.kind)} recorded {_where(flag.sites)}{side}"
    if flag_site_kind(flag.kind) == FlagSiteKind.NONE:
        return detail  # its rules act anywhere: its reach is never asked for
    widened = (region_map.reach(flag.kind, each.region).widened for each in flag.sites)
    return "; ".join([detail, *dict.fromkeys(text for text in widened if text)])


def _flag_facts(flag: PatientFlag) -> str:
    if flag.kind is FlagKind.TECHNIQUE_DECLINED:
        if flag.technique is None:
            return "; the declined technique could not be read, so it is treated as any technique"
        return f"; the patient declines {in_sentence(flag.technique)}"
    if flag.kind not in (FlagKind.PREGNANCY, *PREGNANCY_QUALIFIERS):
        return ""
    facts = [
        "no trimester recorded, so it may be the first"
        if flag.trimester is None
        else f"trimester {flag.trimester}"
    ]
    facts += ["high-risk"] if flag.high_risk else []
    return f"; pregnancy recorded: {', '.join(facts)}"


def _where(sites: tuple[TreatmentSite, ...]) -> str:
    """ "at the wrist and hand", "at the elbow, the forearm and the wrist and hand"; a region that
    could not be read (``WHOLE_BODY``) is named as such."""
    readable = [each.region for each in sites if each.region is not BodyRegion.WHOLE_BODY]
    named = [f"the {in_sentence(region)}" for region in readable]
    if not named:
        return "without a region"
    if len(named) < len(sites):
        named.append("a region that could not be read")
    return "at " + (named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}")


def _reason(rule: Rule, technique: TechniqueKind, detail: str = "") -> Reason:
    sections = ", ".join(rule.sections)
    text = f"{_capitalised(in_sentence(technique))} {rule.verdict}: {rule.text}{detail}"
    return Reason(rule.verdict, f"{text} ({sections})", rule.sections[0])


def _red_flag_reasons(
    technique: TechniqueKind,
    site: TreatmentSite,
    answers: Iterable[RedFlagScreen],
    rules: Iterable[RedFlagRule] | None,
) -> list[Reason]:
    positive = [answer for answer in answers if answer.answer is RedFlagAnswer.YES]
    if not positive:
        return []
    if rules is None:
        raise ValueError("screening a positive red-flag answer needs the red-flag rules table")
    table = tuple(rules)
    reasons = []
    for answer in positive:
        reaching = [
            rule
            for rule in table
            if rule.red_flag == answer.code
            and technique in rule.techniques
            and _red_flag_reaches(rule, answer, site)
        ]
        if answer.cleared:
            reasons += [_red_flag_cleared(rule, technique, answer) for rule in reaching[:1]]
            continue
        recorded = referral_recorded(answer)
        if not recorded:
            reasons.append(_referral_missing(technique, answer))
        reasons += [_red_flag_reason(rule, technique, answer, recorded) for rule in reaching]
    return reasons


def _red_flag_cleared(rule: RedFlagRule, technique: TechniqueKind, answer: RedFlagScreen) -> Reason:
    """0.5: a recorded medical clearance ends the red flag's rules; the reason shows who cleared
    it and when, where its rules would otherwise have applied."""
    note = f" ({answer.clearance_note.strip()})" if answer.clearance_note.strip() else ""
    sections = ", ".join(dict.fromkeys(("0.5", rule.sections[0])))
    text = (
        f"{_capitalised(in_sentence(technique))} allowed: "
        f"{_red_flag_detail(answer, referral_recorded(answer))}, medically cleared by "
        f"{answer.cleared_by.strip()} on {answer.cleared_on:%d %b %Y}{note}: {rule.text} no "
        f"longer applies ({sections})"
    )
    return Reason(Verdict.ALLOWED, text, "0.5")


def _answer_site(answer: RedFlagScreen) -> TreatmentSite:
    """The answer's region, or the red flag's own (a DVT's lower leg, 1.2); a flag of the whole
    body (malignancy, infection, fracture with no region recorded) reaches every site."""
    return TreatmentSite(answer.region or RED_FLAGS[answer.code].region, answer.side)


def _red_flag_reaches(rule: RedFlagRule, answer: RedFlagScreen, site: TreatmentSite) -> bool:
    where = _answer_site(answer)
    if rule.reach is RedFlagReach.LIMB:
        return _site_matches(where.region, where.side, FlagSiteKind.LIMB, site)
    if rule.reach is RedFlagReach.SITE:
        return _site_matches(where.region, where.side, FlagSiteKind.LOCAL, site)
    if rule.reach is RedFlagReach.REGIONS:
        return site.region == BodyRegion.WHOLE_BODY or site.region in rule.regions
    return True


def _red_flag_detail(answer: RedFlagScreen, recorded: bool) -> str:
    definition = RED_FLAGS[answer.code]
    sided = answer.side in (Side.LEFT, Side.RIGHT)
    if answer.region not in (None, BodyRegion.WHOLE_BODY):
        side = f" ({answer.side})" if sided else ""
        where = f", recorded at the {in_sentence(answer.region)}{side}"
    else:
        where = f", {answer.side}" if sided else ""
    detail = f"positive red flag '{definition.label}'{where}"
    if answer.detail.strip():
        detail += f" ({answer.detail.strip()})"
    if recorded:
        detail += f", referred to {answer.referral_to.strip()} ({answer.urgency})"
        if answer.referred_on is not None:
            detail += f" on {answer.referred_on:%d %b %Y}"
    else:
        detail += ", no referral recorded"
    return detail


def _red_flag_reason(
    rule: RedFlagRule, technique: TechniqueKind, answer: RedFlagScreen, recorded: bool
) -> Reason:
    lasts = (
        f"until {rule.until}; a recorded referral is not a clearance"
        if recorded
        else f"until the referral is recorded, and then until {rule.until}"
    )
    unsited = rule.reach in (RedFlagReach.LIMB, RedFlagReach.SITE) and (
        _answer_site(answer).region == BodyRegion.WHOLE_BODY
    )
    where = "; no site recorded for this red flag, so it is treated as applying here"
    sections = ", ".join(rule.sections)
    text = (
        f"{_capitalised(in_sentence(technique))} {rule.verdict}: "
        f"{_red_flag_detail(answer, recorded)}{where if unsited else ''}: {rule.text}, {lasts} "
        f"({sections})"
    )
    return Reason(rule.verdict, text, rule.sections[0])


def _referral_missing(technique: TechniqueKind, answer: RedFlagScreen) -> Reason:
    """0.12: every "yes" needs its action recorded; until then nothing is treated unremarked."""
    referral = RED_FLAGS[answer.code].referral
    text = (
        f"{_capitalised(in_sentence(technique))} {Verdict.PRECAUTION}: "
        f"{_red_flag_detail(answer, recorded=False)}: record what was done, where the patient "
        f"was referred and the urgency ({referral}), until the referral is recorded (0.12, 1.2)"
    )
    return Reason(Verdict.PRECAUTION, text, "0.12")


def _nothing_applies(technique: TechniqueKind) -> Reason:
    text = (
        f"{_capitalised(in_sentence(technique))} allowed: no contraindication or precaution "
        "in the reference applies at this site for the recorded flags and findings (0.1)"
    )
    return Reason(Verdict.ALLOWED, text, "0.1")


def _capitalised(label: str) -> str:
    return label[0].upper() + label[1:]
