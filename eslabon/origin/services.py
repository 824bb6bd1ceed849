"""Writes of the origin workspace: one transaction each, keyword arguments, domain errors raised.

Every change to a good or its bill of materials ends with ``recompute``, which runs the engine
and writes its figures onto the good (for lists and the analytics aggregates).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from eslabon.domain.errors import DomainError, InputError
from eslabon.domain.origin.bom_table import materials_from_rows
from eslabon.domain.origin.check import OriginResult
from eslabon.hub.choices import QuoteStatus
from eslabon.hub.models import QuoteLine
from eslabon.origin import selectors
from eslabon.origin.models import Good, Material, Offer, Scenario, Substitution
from eslabon.origin.uploads import UploadRejected, read_bom_rows
from eslabon.registry.models import Organization

_CENT = Decimal("0.01")


class OriginError(DomainError):
    """An origin change the rules do not allow, or a file that cannot be used."""


def _pct(value: Decimal | None) -> Decimal | None:
    """Percentages stored with two decimals, half up, as the CLI shows them (docs/origin.md)."""
    return None if value is None else value.quantize(_CENT, rounding=ROUND_HALF_UP)


def recompute(good: Good) -> OriginResult | None:
    """Run the engine on the good and store its figures; a fault is stored, not raised."""
    try:
        result = selectors.check(good)
    except DomainError as error:
        Good.objects.filter(pk=good.pk).update(
            value_non_originating=None, rvc_transaction_value=None, rvc_net_cost=None,
            qualifies=None, check_error=str(error),
        )  # fmt: skip
        return None
    Good.objects.filter(pk=good.pk).update(
        value_non_originating=result.value_non_originating,
        rvc_transaction_value=_pct(result.rvc_transaction_value),
        rvc_net_cost=_pct(result.rvc_net_cost),
        qualifies=result.qualifies,
        check_error="",
    )
    return result


@transaction.atomic
def create_good(*, organization: Organization, user: Any, data: Mapping[str, Any]) -> Good:
    if not organization.is_buyer:
        raise OriginError(_("Only a buyer organisation owns goods."))
    good = Good.objects.create(organization=organization, created_by=user, **data)
    recompute(good)
    return good


@transaction.atomic
def update_good(*, good: Good, data: Mapping[str, Any]) -> Good:
    for name, value in data.items():
        setattr(good, name, value)
    good.save()
    recompute(good)
    _refresh_scenarios(good)
    return good


@transaction.atomic
def import_bom(*, good: Good, upload: Any, max_bytes: int) -> int:
    """Replace the good's BOM with an uploaded CSV/Excel file; all rows or nothing.

    The engine's parser (bom_table.materials_from_rows) names the row and column of a bad cell.
    Scenarios of the good refer to the old lines, so they go with them.
    """
    try:
        rows = read_bom_rows(upload, max_bytes=max_bytes)
        tree = materials_from_rows(rows, upload.name)
    except (UploadRejected, InputError) as error:
        raise OriginError(str(error)) from error
    good.scenarios.all().delete()
    Material.objects.filter(good=good).delete()
    count = _create_tree(good, tree, parent=None, position=[0])
    recompute(good)
    return count


def _create_tree(
    good: Good, lines: Sequence[dict[str, Any]], parent: Material | None, position: list[int]
) -> int:
    count = 0
    for line in lines:
        position[0] += 1
        originating = line["originating"]
        material = Material.objects.create(
            good=good,
            parent=parent,
            position=position[0],
            code=line["id"],
            description=str(line.get("description") or "")[:255],
            hs_code=line.get("hs_code") or "",
            origin_country=line.get("origin_country") or "",
            originating=(
                "yes" if originating is True else "no" if originating is False else originating
            ),
            value=Decimal(str(line["value"])),
            quantity=Decimal(str(line.get("quantity", 1))),
            supplier_name=str(line.get("supplier") or "")[:255],
            self_produced=bool(line.get("self_produced", False)),
            high_wage=bool(line.get("high_wage", False)),
            metal=line.get("metal") or "",
        )
        count += 1 + _create_tree(good, line["materials"], material, position)
    return count


@transaction.atomic
def save_material(*, good: Good, material: Material | None, data: Mapping[str, Any]) -> Material:
    """Add a BOM line (``material`` None) or change one; the parent must be on the same good."""
    parent = data.get("parent")
    if parent is not None and parent.good_id != good.pk:
        raise OriginError(_("The parent line belongs to another good."))
    if material is None:
        material = Material(good=good)
        last = Material.objects.filter(good=good).order_by("-position").first()
        material.position = (last.position if last else 0) + 1
    if parent is not None and material.pk is not None and _is_below(parent, material):
        raise OriginError(_("A line cannot be part of itself."))
    for name, value in data.items():
        setattr(material, name, value)
    material.save()
    recompute(good)
    _refresh_scenarios(good)
    return material


def _is_below(candidate: Material, ancestor: Material) -> bool:
    node: Material | None = candidate
    while node is not None:
        if node.pk == ancestor.pk:
            return True
        node = node.parent
    return False


@transaction.atomic
def delete_material(*, material: Material) -> None:
    good = material.good
    material.delete()
    recompute(good)
    _refresh_scenarios(good)


@transaction.atomic
def set_target(*, material: Material, target: bool) -> Material:
    material.is_localisation_target = target
    material.save(update_fields=["is_localisation_target"])
    return material


@transaction.atomic
def add_offer(
    *, material: Material, supplier: Organization | None, supplier_name: str, unit_price: Decimal
) -> Offer:
    name = supplier_name.strip() or (supplier.display_name if supplier else "")
    if not name:
        raise OriginError(_("Name the supplier."))
    return Offer.objects.create(
        material=material, supplier=supplier, supplier_name=name[:255], unit_price=unit_price
    )


@transaction.atomic
def offers_from_quotes(*, material: Material, user: Any) -> int:
    """Offers from the submitted Supply Hub quotes on the material's line, as the user may
    read them (the buyer only after the quotes are unsealed): the tier price that applies at
    the line's annual quantity. An offer already entered at that price is not repeated."""
    line = material.requirement_line
    if line is None:
        raise OriginError(_("Link the line to a Supply Hub requirement line first."))
    quote_lines = (
        QuoteLine.objects.visible_to(user)
        .filter(line=line, quote__status=QuoteStatus.SUBMITTED)
        .select_related("quote__supplier")
        .prefetch_related("tiers")
    )
    existing = set(Offer.objects.filter(material=material).values_list("supplier_id", "unit_price"))
    created = 0
    for quote_line in quote_lines:
        tiers = [t for t in quote_line.tiers.all() if t.min_quantity <= line.quantity]
        if not tiers:
            continue
        price = max(tiers, key=lambda t: t.min_quantity).unit_price
        supplier = quote_line.quote.supplier
        if (supplier.pk, price) in existing:
            continue
        Offer.objects.create(
            material=material, supplier=supplier, supplier_name=supplier.display_name[:255],
            unit_price=price,
        )  # fmt: skip
        existing.add((supplier.pk, price))
        created += 1
    return created


@transaction.atomic
def delete_offer(*, offer: Offer) -> None:
    offer.delete()


@dataclass(frozen=True)
class _Pick:
    """One localisation of a scenario: a material bought from a local supplier at a unit price."""

    material: Material
    supplier: Organization | None
    supplier_name: str
    unit_price: Decimal


@dataclass(frozen=True)
class _Evaluation:
    figures: dict[str, Any]
    lines: list[tuple[_Pick, Decimal, Decimal]]  # pick, new value, non-originating value removed


def _evaluate(good: Good, picks: Sequence[_Pick], *, strict: bool) -> _Evaluation:
    """The good's figures before and after the picks, as localize() counts them.

    A localised material counts originating at unit price × quantity; its added cost enters
    net cost while the transaction value (the selling price) is held. ``strict`` refuses a pick
    whose material is not counted non-originating (saving); a refresh keeps it at zero removed.
    """
    rows = selectors.material_rows(good)
    try:
        before = selectors.check(good, rows)
    except DomainError as error:
        raise OriginError(str(error)) from error
    counted = {c.material_id: c.non_originating_value for c in before.materials}
    overrides, lines, added = {}, [], Decimal(0)
    for pick in picks:
        material = pick.material
        removed = counted.get(material.code, Decimal(0))
        if removed <= 0 and strict:
            raise OriginError(
                _("%(code)s is not counted as non-originating.") % {"code": material.code}
            )
        new_value = pick.unit_price * material.quantity
        added += new_value - material.value
        overrides[material.pk] = selectors.Override(value=new_value)
        lines.append((pick, new_value, max(removed, Decimal(0))))
    try:
        after = selectors.check_good_value(
            selectors.good_value(good, rows=rows, overrides=overrides, net_cost_added=added)
        )
    except DomainError as error:
        raise OriginError(str(error)) from error
    figures = {
        "rvc_transaction_value_before": _pct(before.rvc_transaction_value),
        "rvc_net_cost_before": _pct(before.rvc_net_cost),
        "rvc_transaction_value_after": _pct(after.rvc_transaction_value),
        "rvc_net_cost_after": _pct(after.rvc_net_cost),
        "qualifies_before": before.qualifies,
        "qualifies_after": after.qualifies,
        "added_cost": added,
        "import_substitution_value": sum((line[2] for line in lines), Decimal(0)),
        "snapshot": {
            "date": before.date.isoformat(),
            "threshold_net_cost": str(before.threshold.net_cost),
            "threshold_transaction_value": (
                None
                if before.threshold.transaction_value is None
                else str(before.threshold.transaction_value)
            ),
            "methods_allowed": list(before.threshold.methods_allowed),
            "value_non_originating_before": str(before.value_non_originating),
            "value_non_originating_after": str(after.value_non_originating),
            "net_cost_after": (None if after.good.net_cost is None else str(after.good.net_cost)),
        },
    }
    return _Evaluation(figures=figures, lines=lines)


@transaction.atomic
def save_scenario(*, good: Good, name: str, offers: Sequence[Offer], user: Any) -> Scenario:
    """Save the chosen localisations (at most one offer per material) with their result."""
    name = name.strip()
    if not name:
        raise OriginError(_("Name the scenario."))
    if Scenario.objects.filter(good=good, name=name).exists():
        raise OriginError(_("A scenario named %(name)s already exists.") % {"name": name})
    if not offers:
        raise OriginError(_("Choose at least one offer."))
    materials = [offer.material for offer in offers]
    if any(m.good_id != good.pk for m in materials):
        raise OriginError(_("An offer belongs to another good."))
    if len({m.pk for m in materials}) != len(materials):
        raise OriginError(_("Choose one offer per material."))
    picks = [
        _Pick(offer.material, offer.supplier, offer.supplier_name, offer.unit_price)
        for offer in offers
    ]
    evaluation = _evaluate(good, picks, strict=True)
    scenario = Scenario.objects.create(
        good=good, name=name[:120], created_by=user, **evaluation.figures
    )
    Substitution.objects.bulk_create(
        Substitution(
            scenario=scenario,
            material=pick.material,
            supplier=pick.supplier,
            supplier_name=pick.supplier_name,
            unit_price=pick.unit_price,
            new_value=new_value,
            value_localised=removed,
        )
        for pick, new_value, removed in evaluation.lines
    )
    return scenario


def _refresh_scenarios(good: Good) -> None:
    """Re-evaluate every saved scenario of the good against its bill of materials as it is now.

    A scenario stores its figures when saved; without this an edit to a line, the good's net
    cost or its date would leave the side-by-side comparison showing an older bill of materials.
    A substitution whose line was deleted went with it (cascade); a scenario left with none is
    deleted, since it no longer localises anything.
    """
    scenarios = good.scenarios.prefetch_related(
        "substitutions__material", "substitutions__supplier"
    )
    for scenario in scenarios:
        substitutions = list(scenario.substitutions.all())
        if not substitutions:
            scenario.delete()
            continue
        picks = [
            _Pick(row.material, row.supplier, row.supplier_name, row.unit_price)
            for row in substitutions
        ]
        try:
            evaluation = _evaluate(good, picks, strict=False)
        except OriginError:
            continue  # the good itself cannot be checked now; its page says why
        Scenario.objects.filter(pk=scenario.pk).update(**evaluation.figures)
        for row, (_pick, new_value, removed) in zip(substitutions, evaluation.lines, strict=True):
            row.new_value, row.value_localised = new_value, removed
        Substitution.objects.bulk_update(substitutions, ["new_value", "value_localised"])


@transaction.atomic
def delete_scenario(*, scenario: Scenario) -> None:
    scenario.delete()
