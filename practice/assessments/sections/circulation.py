"""Circulation (5.1-5.6): pulses, capillary refill, Doppler pressures and the ABI, oedema with
its pit depth and rebound, limb girths, skin, claudication, varicose veins and the Wells DVT
score. Raw values are stored; bands are derived in ``findings``."""

from __future__ import annotations

import dataclasses
from dataclasses import asdict
from decimal import Decimal

from wtforms import BooleanField, DecimalField, FieldList, FormField, SelectField, SubmitField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import NumberRange, Optional

from practice.assessments.sections import Section, SectionInputError
from practice.assessments.sections.fields import (
    SIDED,
    as_bool,
    from_bool,
    is_blank,
    measurement,
    select,
    text,
    whole_number,
    with_spare_rows,
    yes_no,
)
from practice.clinical.assessment_data import (
    REPORTED_ABI_HIGHEST,
    REPORTED_ABI_LOWEST,
    WELLS_CALF_LANDMARK,
    WELLS_CRITERIA,
    AnklePressures,
    AssessmentData,
    CapillaryRefill,
    Circulation,
    Claudication,
    LimbGirth,
    MeasuredBy,
    Oedema,
    OedemaExtent,
    Pulse,
    ReportedAbi,
    Skin,
    SkinColour,
    SkinTemperature,
    VaricoseVeins,
    WellsScore,
    WellsVersion,
    wells_points,
)
from practice.clinical.catalogues import PULSE_SITES
from practice.clinical.findings import (
    Finding,
    LegAbi,
    abi_band,
    abi_meaning,
    dvt_findings,
    leg_abis,
    oedema_grade_conflicts,
    wells_band,
)
from practice.clinical.reference import OEDEMA_GRADES, PULSE_SCALES, PulseScale, ReferenceValues
from practice.clinical.vocabulary import LIMB_OF_REGION, BodyRegion, Limb, Side
from practice.forms import Form, RowForm, choices, finite_number
from practice.reference import clinical_reference

SIDES = (Side.LEFT, Side.RIGHT)
LIMB_REGIONS = list(LIMB_OF_REGION)
CLAUDICATION_REGIONS = [BodyRegion.PELVIS, BodyRegion.THIGH, BodyRegion.LOWER_LEG]  # 5.5
LEG_REGIONS = [region for region, limb in LIMB_OF_REGION.items() if limb is Limb.LOWER]
# Input limits that catch typing slips; none is a clinical threshold.
MAX_PRESSURE_MMHG = 300  # the top of a sphygmomanometer scale
MAX_REFILL_SECONDS = 60  # far above any normal quoted in 5.2 (at most about 4.5 s)
MAX_WALKING_METRES = 10000
MAX_PIT_MM = 50  # far deeper than the 8 mm of grade 4+ (5.4)
MAX_REBOUND_SECONDS = 1800  # "may take minutes" (5.4)
MAX_GIRTH_CM = 200
WELLS_TOTAL = (-2, sum(max(c.points, 0) for c in WELLS_CRITERIA.values()))
WELLS_VERSIONS = [
    SelectChoice(WellsVersion.TWO_LEVEL.value, "Two-level (modified): likely / unlikely"),
    SelectChoice(WellsVersion.THREE_LEVEL.value, "Three-level (original): high / moderate / low"),
]
ANKLE_PRESSURE = (0, MAX_PRESSURE_MMHG, "Ankle pressures")
PULSE_GRADES = [SelectChoice("", "—")] + [
    SelectChoice(str(grade), "0" if grade == 0 else f"{grade}+")
    for grade in range(max(scale.max_grade for scale in PULSE_SCALES.values()) + 1)
]
OEDEMA_GRADE_CHOICES = [SelectChoice("", "—")] + [
    SelectChoice(str(grade.grade), grade.label) for grade in OEDEMA_GRADES.values()
]
ABI_MESSAGE = (
    f"An ABI must be a number from {REPORTED_ABI_LOWEST} to {REPORTED_ABI_HIGHEST}, "
    "as written in the report."
)


def _pulse_site_choices() -> list[SelectChoice]:
    return [SelectChoice("", "Choose a pulse")] + [
        SelectChoice(code, site.label.capitalize()) for code, site in PULSE_SITES.items()
    ]


def _reported_abi(label: str) -> DecimalField:
    return DecimalField(
        label,
        places=None,
        validators=[
            Optional(),
            finite_number,
            NumberRange(REPORTED_ABI_LOWEST, REPORTED_ABI_HIGHEST, ABI_MESSAGE),
        ],
    )


class PulseRow(RowForm):
    site = SelectField("Pulse site", choices=_pulse_site_choices(), default="")
    scale = SelectField(
        "Scale",
        choices=[SelectChoice(scale.value, f"{scale.value} scale") for scale in PULSE_SCALES],
        default=PulseScale.ZERO_TO_FOUR.value,
    )
    left_grade = SelectField("Left grade", choices=PULSE_GRADES, default="")
    right_grade = SelectField("Right grade", choices=PULSE_GRADES, default="")


class CapillaryRefillRow(RowForm):
    region = select("Where measured", LIMB_REGIONS)
    side = select("Side", SIDED)
    seconds = measurement("Refill time", 0, MAX_REFILL_SECONDS, "s")
    warm = yes_no("Room and limb warm")


class OedemaRow(RowForm):
    region = select("Region", LIMB_REGIONS)
    side = select("Side", SIDED)
    pitting = yes_no("Pitting")
    grade = SelectField("Pitting grade", choices=OEDEMA_GRADE_CHOICES, default="")
    pit_depth_mm = measurement("Pit depth", 0, MAX_PIT_MM, "mm")
    rebound_seconds = measurement("Rebound", 0, MAX_REBOUND_SECONDS, "s")
    extent = select("Extent", OedemaExtent)


class GirthRow(RowForm):
    landmark = text("Landmark", 100)
    left_cm = measurement("Left girth", 0, MAX_GIRTH_CM, "cm")
    right_cm = measurement("Right girth", 0, MAX_GIRTH_CM, "cm")


class WellsForm(RowForm):
    """The Wells DVT score of 5.6, one checkbox per criterion (added below)."""

    side = select("Symptomatic leg", SIDES, blank="Not scored")
    version = SelectField("Version", choices=WELLS_VERSIONS, default=WellsVersion.TWO_LEVEL.value)
    total = whole_number("Total, if you added it up", *WELLS_TOTAL, "The Wells total")

    criteria = WELLS_CRITERIA


for _code, _criterion in WELLS_CRITERIA.items():
    setattr(
        WellsForm,
        _code,
        BooleanField(f"{_criterion.label[:1].upper()}{_criterion.label[1:]}"),
    )


class SkinRow(RowForm):
    region = select("Region", LIMB_REGIONS)
    side = select("Side", SIDED)
    colour = select("Colour", SkinColour)
    temperature = select("Temperature", SkinTemperature)
    trophic_changes = BooleanField("Trophic changes")
    note = text("Note", 200)


class ClaudicationRow(RowForm):
    side = select("Side", SIDED)
    region = SelectField(
        "Where the pain is", choices=choices(CLAUDICATION_REGIONS), default=BodyRegion.LOWER_LEG
    )
    onset_distance_m = whole_number("Pain starts after (m)", 0, MAX_WALKING_METRES, "Distances")
    maximum_distance_m = whole_number("Maximum distance (m)", 0, MAX_WALKING_METRES, "Distances")


class VaricoseVeinsRow(RowForm):
    side = select("Side", SIDED)
    region = SelectField("Where", choices=choices(LEG_REGIONS), default=BodyRegion.LOWER_LEG)
    symptoms = text("Symptoms", 300)


class CirculationForm(Form):
    pulses = FieldList(FormField(PulseRow), min_entries=3)
    capillary_refill = FieldList(FormField(CapillaryRefillRow), min_entries=2)
    # A brachial pressure of 0 would divide the ABI by zero; a missing arm is left blank.
    brachial_left_mmhg = whole_number("Left brachial", 1, MAX_PRESSURE_MMHG, "Brachial pressures")
    brachial_right_mmhg = whole_number("Right brachial", 1, MAX_PRESSURE_MMHG, "Brachial pressures")
    left_dorsalis_pedis_mmhg = whole_number("Left dorsalis pedis", *ANKLE_PRESSURE)
    left_posterior_tibial_mmhg = whole_number("Left posterior tibial", *ANKLE_PRESSURE)
    right_dorsalis_pedis_mmhg = whole_number("Right dorsalis pedis", *ANKLE_PRESSURE)
    right_posterior_tibial_mmhg = whole_number("Right posterior tibial", *ANKLE_PRESSURE)
    abi_measured_by = select("ABI measured by", MeasuredBy, blank="Not recorded")
    left_reported_abi = _reported_abi("Left ABI reported")
    right_reported_abi = _reported_abi("Right ABI reported")
    reported_abi_source = text("Reported by or in", 200)
    oedema = FieldList(FormField(OedemaRow), min_entries=2)
    skin = FieldList(FormField(SkinRow), min_entries=2)
    claudication = FieldList(FormField(ClaudicationRow), min_entries=2)
    varicose_veins = FieldList(FormField(VaricoseVeinsRow), min_entries=2)
    girths = FieldList(FormField(GirthRow), min_entries=2)
    wells = FormField(WellsForm)
    add_rows = SubmitField("Save and add rows")
    submit = SubmitField("Save draft")

    pulse_scales = PULSE_SCALES
    pulse_grade_numbers = range(len(PULSE_GRADES) - 1)
    oedema_grades = OEDEMA_GRADES

    def abi_results(self) -> list[tuple[LegAbi, str]]:
        """Each leg's ABI and band from the values in the form; the page shows it on opening,
        when they are the saved ones."""
        try:
            circulation = Circulation(**_abi_values(self))
        except (TypeError, ValueError):
            return []
        reference: ReferenceValues = clinical_reference()
        return [(leg, abi_meaning(abi_band(leg.abi, reference))) for leg in leg_abis(circulation)]

    wells_landmark = WELLS_CALF_LANDMARK

    def dvt_notes(self, data: AssessmentData) -> tuple[str, list[Finding]]:
        """The saved Wells result in words, and the findings it and the calf girths give (5.6,
        0.5), which say what the DVT red flag needs; shown on opening the page."""
        reference: ReferenceValues = clinical_reference()
        wells = data.circulation.wells
        result = ""
        if wells is not None:
            band, cut = wells_band(wells, reference)
            result = f"Wells score {wells.total} ({cut.describe(wells.total)}): {band}."
        return result, dvt_findings(data, reference)


# Loading the record into the form ----------------------------------------------------------------


def _padded(rows: list[dict], at_least: int = 2) -> list[dict]:
    return with_spare_rows(rows, at_least=at_least)


def load(data: AssessmentData) -> dict:
    circulation = data.circulation
    pulses: dict[tuple[str, str], dict] = {}
    for pulse in circulation.pulses:
        row = pulses.setdefault(
            (pulse.site, pulse.scale), {"site": pulse.site, "scale": pulse.scale.value}
        )
        for side in SIDES if pulse.side is Side.BILATERAL else (pulse.side,):
            row[f"{side}_grade"] = str(pulse.grade)
    ankles = {ankle.side: ankle for ankle in circulation.ankle_pressures}
    reported = {item.side: item for item in circulation.reported_abi}
    values: dict = {
        "pulses": _padded(list(pulses.values()), at_least=3),
        "capillary_refill": _padded(
            [asdict(item) | {"warm": from_bool(item.warm)} for item in circulation.capillary_refill]
        ),
        "brachial_left_mmhg": circulation.brachial_left_mmhg,
        "brachial_right_mmhg": circulation.brachial_right_mmhg,
        "abi_measured_by": circulation.abi_measured_by or "",
        "reported_abi_source": next(
            (item.source for item in circulation.reported_abi if item.source), ""
        ),
        "oedema": _padded(
            [
                asdict(item)
                | {
                    "pitting": from_bool(item.pitting),
                    "grade": "" if item.grade is None else str(item.grade),
                    "extent": item.extent or "",
                }
                for item in circulation.oedema
            ]
        ),
        "girths": _girth_rows(circulation),
        "wells": _wells_values(circulation.wells),
        "skin": _padded([asdict(item) for item in circulation.skin]),
        "claudication": _padded([asdict(item) for item in circulation.claudication]),
        "varicose_veins": _padded([asdict(item) for item in circulation.varicose_veins]),
    }
    for side in SIDES:
        ankle = ankles.get(side)
        values[f"{side}_dorsalis_pedis_mmhg"] = ankle and ankle.dorsalis_pedis_mmhg
        values[f"{side}_posterior_tibial_mmhg"] = ankle and ankle.posterior_tibial_mmhg
        values[f"{side}_reported_abi"] = reported[side].value if side in reported else None
    return values


def _girth_rows(circulation: Circulation) -> list[dict]:
    """One row per landmark, left and right side by side; the Wells landmark leads an empty
    table so the calf measurement of 5.6 is the one offered first."""
    rows: dict[str, dict] = {}
    for girth in circulation.girths:
        row = rows.setdefault(girth.landmark.strip().lower(), {"landmark": girth.landmark})
        row[f"{girth.side}_cm"] = girth.cm
    shown = list(rows.values()) or [{"landmark": WELLS_CALF_LANDMARK}]
    return _padded(shown)


def _wells_values(wells: WellsScore | None) -> dict:
    if wells is None:
        return {}
    return {
        "side": wells.side.value,
        "version": wells.version.value,
        "total": wells.total,
        **dict.fromkeys(wells.items, True),
    }


# Applying the form to the record -----------------------------------------------------------------


class _Problems:
    """Collects row problems: each message goes beside its field, and one summary is raised."""

    def __init__(self) -> None:
        self.found = False

    def add(self, field, message: str) -> None:
        field.errors.append(message)
        self.found = True

    def require(self, row: RowForm, name: str, message: str) -> bool:
        if row[name].data in (None, ""):
            self.add(row[name], message)
            return False
        return True

    def build(self, field, record_class, *args):
        """The record, or None with the record's own ValueError shown beside ``field``."""
        try:
            return record_class(*args)
        except ValueError as error:
            self.add(field, f"{error}.")
            return None


def _filled(rows: FieldList, *names: str) -> list[RowForm]:
    return [entry.form for entry in rows if not is_blank(entry.form, *names)]


def _sided(row: RowForm, problems: _Problems, what: str = "this row") -> bool:
    return problems.require(row, "side", f"Choose the side for {what}.")


def _pulses(form: CirculationForm, problems: _Problems) -> list[Pulse]:
    records: list[Pulse] = []
    seen: set[tuple[str, Side]] = set()
    for row in _filled(form.pulses, "site", "left_grade", "right_grade"):
        if not problems.require(row, "site", "Choose the pulse for this row."):
            continue
        scale = PulseScale(row.scale.data)
        top = PULSE_SCALES[scale].max_grade
        grades = [(side, row[f"{side}_grade"]) for side in SIDES if row[f"{side}_grade"].data]
        if not grades:
            problems.add(row.left_grade, "Enter the grade for the left, the right or both.")
        for side, field in grades:
            if int(field.data) > top:
                problems.add(field, f"The {scale} scale goes from 0 to {top}+.")
            elif (row.site.data, side) in seen:
                problems.add(field, "This pulse and side is already graded in another row.")
            elif pulse := problems.build(field, Pulse, row.site.data, side, int(field.data), scale):
                seen.add((row.site.data, side))
                records.append(pulse)
    return records


def _capillary_refill(form: CirculationForm, problems: _Problems) -> list[CapillaryRefill]:
    records = []
    for row in _filled(form.capillary_refill, "region", "side", "seconds", "warm"):
        complete = [
            problems.require(row, "region", "Choose where the refill time was measured."),
            _sided(row, problems),
            problems.require(row, "seconds", "Enter the refill time in seconds."),
        ]
        if all(complete):
            records.append(
                CapillaryRefill(
                    Decimal(row.seconds.data),
                    BodyRegion(row.region.data),
                    Side(row.side.data),
                    as_bool(row.warm.data),
                )
            )
    return records


def _abi_values(form: CirculationForm) -> dict:
    """The Circulation fields the ABI is computed from, as the form holds them."""
    ankles = []
    reported = []
    for side in SIDES:
        dorsalis_pedis = form[f"{side}_dorsalis_pedis_mmhg"].data
        posterior_tibial = form[f"{side}_posterior_tibial_mmhg"].data
        if dorsalis_pedis is not None or posterior_tibial is not None:
            ankles.append(AnklePressures(side, dorsalis_pedis, posterior_tibial))
        value = form[f"{side}_reported_abi"].data
        if value is not None:
            reported.append(ReportedAbi(side, Decimal(value), form.reported_abi_source.data or ""))
    return {
        "brachial_left_mmhg": form.brachial_left_mmhg.data,
        "brachial_right_mmhg": form.brachial_right_mmhg.data,
        "ankle_pressures": tuple(ankles),
        "reported_abi": tuple(reported),
    }


def _oedema(form: CirculationForm, problems: _Problems) -> list[Oedema]:
    records = []
    reference: ReferenceValues = clinical_reference()
    names = ("region", "side", "pitting", "grade", "pit_depth_mm", "rebound_seconds", "extent")
    for row in _filled(form.oedema, *names):
        complete = [
            problems.require(row, "region", "Choose where the oedema is."),
            _sided(row, problems),
            problems.require(row, "pitting", "Say whether the oedema pits."),
        ]
        if not all(complete):
            continue
        grade = None if row.grade.data == "" else int(row.grade.data)
        pitting = as_bool(row.pitting.data)
        region, side = BodyRegion(row.region.data), Side(row.side.data)
        depth, rebound = row.pit_depth_mm.data, row.rebound_seconds.data
        record = problems.build(
            row.grade,
            Oedema,
            region,
            side,
            pitting,
            grade,
            None if depth is None else Decimal(depth),
            None if rebound is None else Decimal(rebound),
            OedemaExtent(row.extent.data) if row.extent.data else None,
        )
        if record is None:
            continue
        conflicts = oedema_grade_conflicts(record, reference)
        for message in conflicts:
            problems.add(
                row.pit_depth_mm if "pit depth" in message else row.rebound_seconds, message
            )
        if not conflicts:
            records.append(record)
    return records


def _girths(form: CirculationForm, problems: _Problems) -> list[LimbGirth]:
    records = []
    for row in _filled(form.girths, "left_cm", "right_cm"):
        if not problems.require(
            row, "landmark", "Name the landmark, e.g. 10 cm below tibial tuberosity."
        ):
            continue
        for side in SIDES:
            value = row[f"{side}_cm"].data
            if value is not None and (
                girth := problems.build(
                    row[f"{side}_cm"], LimbGirth, row.landmark.data, side, Decimal(value)
                )
            ):
                records.append(girth)
    return records


def _wells(form: CirculationForm, problems: _Problems) -> WellsScore | None:
    """The Wells score as ticked; a total typed beside the items must be theirs (5.6)."""
    wells = form.wells.form
    items = tuple(code for code in WELLS_CRITERIA if wells[code].data)
    if not wells.side.data:
        if items or wells.total.data is not None:
            problems.add(wells.side, "Choose the leg the Wells score is for.")
        return None
    version = WellsVersion(wells.version.data)
    if version is WellsVersion.THREE_LEVEL and "previous_dvt" in items:
        problems.add(
            wells.previous_dvt,
            "Previously documented DVT is an item of the modified two-level version only: "
            "untick it or choose the two-level version.",
        )
        return None
    computed = wells_points(items)
    typed = wells.total.data
    if typed is not None and typed != computed:
        problems.add(
            wells.total,
            f"The ticked items add up to {computed}, not {typed}: correct the items or the total.",
        )
        return None
    return problems.build(wells.side, WellsScore, Side(wells.side.data), version, items, computed)


def _skin(form: CirculationForm, problems: _Problems) -> list[Skin]:
    records = []
    names = ("region", "side", "colour", "temperature", "trophic_changes", "note")
    for row in _filled(form.skin, *names):
        complete = [
            problems.require(row, "region", "Choose the region for this row."),
            _sided(row, problems),
        ]
        if all(complete):
            records.append(
                Skin(
                    BodyRegion(row.region.data),
                    Side(row.side.data),
                    SkinColour(row.colour.data or SkinColour.NORMAL),
                    SkinTemperature(row.temperature.data or SkinTemperature.NORMAL),
                    bool(row.trophic_changes.data),
                    row.note.data,
                )
            )
    return records


def _claudication(form: CirculationForm, problems: _Problems) -> list[Claudication]:
    records = []
    for row in _filled(form.claudication, "side", "onset_distance_m", "maximum_distance_m"):
        onset, maximum = row.onset_distance_m.data, row.maximum_distance_m.data
        if not _sided(row, problems):
            continue
        if onset is not None and maximum is not None and onset > maximum:
            problems.add(
                row.onset_distance_m, "Pain cannot start after the maximum walking distance."
            )
            continue
        records.append(
            Claudication(Side(row.side.data), onset, maximum, BodyRegion(row.region.data))
        )
    return records


def _varicose_veins(form: CirculationForm, problems: _Problems) -> list[VaricoseVeins]:
    return [
        VaricoseVeins(Side(row.side.data), BodyRegion(row.region.data), row.symptoms.data)
        for row in _filled(form.varicose_veins, "side", "symptoms")
        if _sided(row, problems)
    ]


def apply(form: CirculationForm, data: AssessmentData) -> AssessmentData:
    problems = _Problems()
    parts = {
        "pulses": _pulses(form, problems),
        "capillary_refill": _capillary_refill(form, problems),
        "oedema": _oedema(form, problems),
        "skin": _skin(form, problems),
        "claudication": _claudication(form, problems),
        "varicose_veins": _varicose_veins(form, problems),
        "girths": _girths(form, problems),
    }
    wells = _wells(form, problems)
    if problems.found:
        raise SectionInputError("Nothing was saved: some rows need attention, see the messages.")
    try:
        circulation = Circulation(
            **{name: tuple(records) for name, records in parts.items()},
            **_abi_values(form),
            wells=wells,
            abi_measured_by=MeasuredBy(form.abi_measured_by.data)
            if form.abi_measured_by.data
            else None,
        )
    except ValueError as error:
        raise SectionInputError(f"Nothing was saved: {error}.") from None
    return dataclasses.replace(data, circulation=circulation)


SECTION = Section(
    key="circulation",
    title="Circulation",
    form_class=CirculationForm,
    load=load,
    apply=apply,
    template="assessments/sections/circulation.html",
)
