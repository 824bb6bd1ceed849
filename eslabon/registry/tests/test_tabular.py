"""Registry import and export: round trips, bad rows, permissions, garbage input, the CLI."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from eslabon.accounts.models import User
from eslabon.cli.main import main
from eslabon.registry.choices import CertificationStatus, OrganizationStatus
from eslabon.registry.models import (
    Capability,
    Certification,
    CertificationStandard,
    Material,
    Organization,
    Process,
    Site,
)
from eslabon.registry.services import create_organization
from eslabon.registry.tabular import (
    KINDS,
    TabularImportError,
    export_registry,
    import_registry,
)
from eslabon.registry.tabular_columns import COLUMNS

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english():
    """Messages are checked in English; users see them in their own language."""
    with translation.override("en"):
        yield


def _user(name: str, *, staff: bool = False) -> User:
    return User.objects.create_user(
        username=name, email=f"{name}@example.com", password=None, is_staff=staff
    )


def _supplier(
    rfc: str, name: str, *, admin: User | None = None, status=OrganizationStatus.APPROVED
):
    org = create_organization(
        admin_user=admin, rfc=rfc, legal_name=f"{name}, S.A. de C.V.", trade_name=name,
        is_supplier=True, tier="tier2", employees=40, annual_sales_mxn=Decimal("35000000.00"),
        status=status, website="https://www.example.mx",
    )  # fmt: skip
    site = Site.objects.create(
        organization=org, name="Planta Apodaca", street="Av. Industrial 120",
        postal_code="66600", state_code="19", municipality_code="006",
        municipality_name="Apodaca", latitude=25.78, longitude=-100.19,
    )  # fmt: skip
    capability = Capability.objects.create(
        site=site, process=Process.objects.get(slug="cnc-machining"),
        description="Maquinado CNC de carcasas de bomba en aluminio.", max_dimension_mm=450,
        max_weight_kg=Decimal("12.500"), annual_capacity=250000, utilisation=Decimal("0.720"),
    )  # fmt: skip
    capability.materials.set(Material.objects.filter(slug__in=["aluminium", "steel"]))
    Certification.objects.create(
        organization=org, standard=CertificationStandard.objects.get(slug="iso-9001"),
        status=CertificationStatus.HELD, certificate_number="ISO9001-2024-00001",
        issuing_body="Organismo ficticio", issued_on=dt.date(2024, 3, 1),
        expires_on=dt.date(2027, 2, 28),
    )  # fmt: skip
    Certification.objects.create(
        organization=org, site=site, standard=CertificationStandard.objects.get(slug="iatf-16949"),
        status=CertificationStatus.IN_PROGRESS, expected_on=dt.date(2026, 9, 30),
    )  # fmt: skip
    return org


@pytest.fixture
def operator() -> User:
    return _user("officer", staff=True)


@pytest.fixture
def alice() -> User:
    return _user("alice")


@pytest.fixture
def registry(alice):
    """Two suppliers (Alice's published, Bob's pending) and a published buyer."""
    bob = _user("bob")
    buyer_user = _user("carol")
    own = _supplier("MAP950612KX4", "Maquinados Apodaca", admin=alice)
    other = _supplier("FUN010203AB5", "Fundiciones Norte", admin=bob, status="pending")
    buyer = create_organization(
        admin_user=buyer_user, rfc="VEH990101QW2", legal_name="Vehículos Demo, S.A. de C.V.",
        is_buyer=True, tier="oem", status=OrganizationStatus.APPROVED,
    )  # fmt: skip
    return {"own": own, "other": other, "buyer": buyer, "buyer_user": buyer_user, "bob": bob}


def _snapshot() -> dict[str, list[tuple]]:
    """Every registry record by its natural key, without ids or timestamps."""
    return {
        "organizations": list(
            Organization.objects.order_by("rfc").values_list(
                "rfc", "legal_name", "trade_name", "is_buyer", "is_supplier", "is_operator",
                "tier", "sector", "employees", "annual_sales_mxn", "size_stratum", "status",
                "description", "website",
            )
        ),
        "sites": list(
            Site.objects.order_by("organization__rfc", "name").values_list(
                "organization__rfc", "name", "street", "neighbourhood", "postal_code",
                "state_code", "municipality_code", "municipality_name", "latitude", "longitude",
            )
        ),
        "capabilities": [
            (c.site.organization.rfc, c.site.name, c.process.slug,
             sorted(m.slug for m in c.materials.all()), c.description, c.max_dimension_mm,
             c.max_weight_kg, c.press_tonnage, c.annual_capacity, c.utilisation)
            for c in Capability.objects.order_by("site__organization__rfc", "process__slug")
        ],
        "certifications": list(
            Certification.objects.order_by("organization__rfc", "standard__slug").values_list(
                "organization__rfc", "standard__slug", "site__name", "status",
                "certificate_number", "issuing_body", "issued_on", "expires_on", "expected_on",
            )
        ),
    }  # fmt: skip


def _empty_registry() -> None:
    Organization.objects.all().delete()  # cascades to sites, capabilities, certifications


def _csv(*lines: str) -> bytes:
    return ("\n".join(lines) + "\n").encode()


# -- round trips -------------------------------------------------------------------------


def test_a_workbook_export_imported_into_an_empty_registry_gives_the_same_records(
    registry, operator
):
    before = _snapshot()
    exported = export_registry(user=operator, fmt="xlsx")
    _empty_registry()

    report = import_registry(user=operator, filename=exported.filename, content=exported.content)

    assert _snapshot() == before
    assert report.created == {"organizations": 3, "sites": 2, "capabilities": 2,
                              "certifications": 4}  # fmt: skip


def test_csv_exports_of_each_kind_imported_in_order_give_the_same_records(registry, operator):
    before = _snapshot()
    files = [export_registry(user=operator, fmt="csv", kind=kind) for kind in KINDS]
    _empty_registry()

    for exported in files:
        import_registry(user=operator, filename=exported.filename, content=exported.content)

    assert _snapshot() == before


def test_importing_an_export_again_changes_nothing_and_says_so(registry, operator):
    exported = export_registry(user=operator, fmt="xlsx")

    report = import_registry(user=operator, filename="again.xlsx", content=exported.content)

    assert sum(report.created.values()) == sum(report.updated.values()) == 0
    assert report.unchanged["capabilities"] == 2


def test_an_import_updates_a_record_found_by_its_natural_key(registry, operator):
    content = _csv(
        "rfc,site_name,process,materials,annual_capacity,utilisation",
        "map950612kx4,Planta Apodaca,cnc-machining,steel,300000,85%",
    )

    report = import_registry(user=operator, filename="caps.csv", content=content,
                             kind="capabilities")  # fmt: skip

    capability = Capability.objects.get(site__organization__rfc="MAP950612KX4")
    assert report.updated["capabilities"] == 1
    assert (capability.annual_capacity, capability.utilisation) == (300000, Decimal("0.850"))
    assert [m.slug for m in capability.materials.all()] == ["steel"]
    assert capability.description.startswith("Maquinado CNC")  # absent column: kept


def test_a_site_moved_to_another_municipality_takes_its_name_and_seat(registry, operator):
    content = _csv(
        "rfc,site_name,state_code,municipality_code", "MAP950612KX4,Planta Apodaca,05,030"
    )

    import_registry(user=operator, filename="sites.csv", content=content)

    site = Site.objects.get(organization__rfc="MAP950612KX4", name="Planta Apodaca")
    assert (site.municipality_name, site.latitude, site.longitude) == (
        "Saltillo",
        25.4232,
        -101.0053,
    )
    assert site.street == "Av. Industrial 120"  # absent column: kept


def test_a_dry_run_counts_the_changes_and_writes_nothing(registry, operator):
    content = _csv("rfc,legal_name,roles", 'NUE200101AB1,"Nueva, S.A. de C.V.",supplier')

    report = import_registry(user=operator, filename="organizations.csv", content=content,
                             dry_run=True)  # fmt: skip

    assert report.created["organizations"] == 1
    assert not Organization.objects.filter(rfc="NUE200101AB1").exists()


# -- files as people make them -------------------------------------------------------------


def test_excel_cells_typed_as_numbers_and_dates_are_read_like_text(registry, operator):
    workbook = Workbook()
    sites = workbook.active
    sites.title = "sites"
    sites.append(["rfc", "site_name", "postal_code", "state_code", "municipality_code"])
    sites.append(["MAP950612KX4", "Planta Saltillo", 25000, 5, 30])
    certs = workbook.create_sheet("certifications")
    certs.append(["rfc", "standard", "status", "issued_on", "expires_on"])
    excel_datetime = dt.datetime(2025, 1, 10)  # noqa: DTZ001 - Excel cells carry no time zone
    certs.append(["MAP950612KX4", "iso-14001", "held", excel_datetime, "2028-01-09"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    import_registry(user=operator, filename="typed.xlsx", content=buffer.getvalue())

    site = Site.objects.get(name="Planta Saltillo")
    assert (site.postal_code, site.state_code, site.municipality_code) == ("25000", "05", "030")
    assert (site.municipality_name, site.latitude) == ("Saltillo", 25.4232)  # the seat
    cert = Certification.objects.get(standard__slug="iso-14001")
    assert (cert.issued_on, cert.expires_on) == (dt.date(2025, 1, 10), dt.date(2028, 1, 9))


def test_a_csv_with_a_byte_order_mark_and_semicolons_is_read(registry, operator):
    content = "\ufeffrfc;legal_name;roles\nNUE200101AB1;Nueva Compañía;supplier;buyer\n"

    with pytest.raises(TabularImportError):  # four fields under three headings
        import_registry(user=operator, filename="organizations.csv", content=content.encode())
    content = '\ufeffrfc;legal_name;roles\nNUE200101AB1;Nueva Compañía;"supplier;buyer"\n'
    import_registry(user=operator, filename="organizations.csv", content=content.encode())

    org = Organization.objects.get(rfc="NUE200101AB1")
    assert (org.legal_name, org.is_supplier, org.is_buyer) == ("Nueva Compañía", True, True)


def test_a_csv_that_is_not_utf8_is_rejected_with_a_clear_reason(operator):
    content = "rfc,legal_name,roles\nNUE200101AB1,Compañía,supplier\n".encode("latin-1")

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=operator, filename="organizations.csv", content=content)

    assert "not UTF-8" in str(raised.value)


def test_a_file_that_is_neither_csv_nor_xlsx_is_rejected(operator):
    with pytest.raises(TabularImportError) as raised:
        import_registry(user=operator, filename="x.xlsx", content=b"PK\x03\x04garbage")

    assert "not a readable Excel workbook" in raised.value.errors[0].message


# -- bad rows ----------------------------------------------------------------------------


def test_bad_rows_are_all_reported_by_row_and_column_and_nothing_is_written(registry, operator):
    before = _snapshot()
    content = _csv(
        "rfc,site_name,process,materials,annual_capacity,utilisation,max_weight_kg",
        "MAP950612KX4,Planta Apodaca,stamping,steel,1000,0.5,1.5",  # fine on its own
        "MAP950612KX4,Planta Apodaca,welding,unobtainium,1000,0.5,",
        "MAP950612KX4,Planta Apodaca,turning,steel,mil,1.5,",
        "MAP950612KX4,Planta Lejana,milling,steel,1000,0.5,",
        "MAP950612KX4,Planta Apodaca,grinding,steel,1000,0.5,1.23456",
        "MAP950612KX4,Planta Apodaca,stamping,steel,1000,0.5,1.5",
    )

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=operator, filename="caps.csv", content=content, kind="capabilities")

    found = {(e.row, e.column): e.message for e in raised.value.errors}
    assert set(found) == {
        (3, "materials"), (4, "annual_capacity"), (5, "site_name"), (6, "max_weight_kg"),
        (7, "process"),
    }  # fmt: skip
    assert "unobtainium" in found[3, "materials"]
    assert "whole number" in found[4, "annual_capacity"]
    assert "Planta Lejana" in found[5, "site_name"]
    assert "row 2" in found[7, "process"]
    assert all(e.file == "caps.csv" for e in raised.value.errors)
    assert _snapshot() == before


def test_a_model_rule_broken_in_a_cell_is_reported_against_its_column(registry, operator):
    content = _csv(
        "rfc,site_name,process,annual_capacity,utilisation",
        "MAP950612KX4,Planta Apodaca,turning,10,1.5",
    )

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=operator, filename="c.csv", content=content, kind="capabilities")

    [error] = raised.value.errors
    assert (error.row, error.column) == (2, "utilisation")


def test_a_workbook_with_a_bad_sheet_row_writes_none_of_its_good_sheets(operator):
    workbook = Workbook()
    orgs = workbook.active
    orgs.title = "organizations"
    orgs.append(["rfc", "legal_name", "roles"])
    orgs.append(["NUE200101AB1", "Nueva, S.A. de C.V.", "supplier"])
    sites = workbook.create_sheet("sites")
    sites.append(["rfc", "site_name", "state_code", "municipality_code"])
    sites.append(["NUE200101AB1", "Planta", "99", "001"])
    buffer = io.BytesIO()
    workbook.save(buffer)

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=operator, filename="book.xlsx", content=buffer.getvalue())

    [error] = raised.value.errors
    assert (error.sheet, error.row, error.column) == ("sites", 2, "state_code")
    assert not Organization.objects.exists()


def test_a_header_with_unknown_or_missing_columns_is_reported_before_any_row(operator):
    content = _csv("rfc,legal_nam,roles", "NUE200101AB1,Nueva,supplier")

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=operator, filename="organizations.csv", content=content)

    assert {(e.row, e.column) for e in raised.value.errors} == {(1, "legal_nam"), (1, "legal_name")}


# -- permissions -------------------------------------------------------------------------


def test_a_supplier_updates_its_own_records_by_import(registry, alice):
    content = _csv(
        "rfc,legal_name,roles,employees", "MAP950612KX4,Maquinados Apodaca SA,supplier,60"
    )

    report = import_registry(user=alice, filename="organizations.csv", content=content)

    assert report.updated["organizations"] == 1
    assert Organization.objects.get(rfc="MAP950612KX4").employees == 60


def test_a_supplier_cannot_import_rows_of_another_organisation_and_nothing_is_written(
    registry, alice
):
    before = _snapshot()
    content = _csv(
        "rfc,site_name,state_code,municipality_code",
        "MAP950612KX4,Planta Nueva,19,006",
        "FUN010203AB5,Planta Intrusa,19,006",
    )

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=alice, filename="sites.csv", content=content)

    [error] = raised.value.errors
    assert (error.row, error.column) == (3, "rfc")
    assert _snapshot() == before


def test_a_supplier_can_neither_create_organisations_nor_publish_its_own(registry, alice):
    content = _csv(
        "rfc,legal_name,roles,status",
        "MAP950612KX4,Maquinados Apodaca,supplier,pending",
        "NUE200101AB1,Nueva,supplier,",
    )

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=alice, filename="organizations.csv", content=content)

    assert {(e.row, e.column) for e in raised.value.errors} == {(2, "status"), (3, "rfc")}


def test_a_supplier_cannot_make_its_organisation_a_buyer_or_an_operator(registry, alice):
    content = _csv("rfc,legal_name,roles", 'MAP950612KX4,Maquinados Apodaca,"supplier;operator"')

    with pytest.raises(TabularImportError) as raised:
        import_registry(user=alice, filename="organizations.csv", content=content)

    [error] = raised.value.errors
    assert (error.row, error.column) == (2, "roles")
    assert not Organization.objects.get(rfc="MAP950612KX4").is_operator


def test_a_supplier_exports_only_its_own_organisation_and_no_other_supplier(registry, alice):
    book = load_workbook(io.BytesIO(export_registry(user=alice, fmt="xlsx").content))

    rfcs = {row[0] for row in book["organizations"].iter_rows(min_row=2, values_only=True)}
    site_rfcs = {row[0] for row in book["sites"].iter_rows(min_row=2, values_only=True)}
    assert rfcs == {"MAP950612KX4", "VEH990101QW2"}  # itself and the published buyer
    assert site_rfcs == {"MAP950612KX4"}


def test_a_buyer_exports_published_suppliers_without_their_sales(registry):
    exported = export_registry(user=registry["buyer_user"], fmt="csv", kind="organizations")

    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    by_rfc = {row["rfc"]: row for row in rows}
    assert "MAP950612KX4" in by_rfc and "FUN010203AB5" not in by_rfc  # pending: not published
    assert by_rfc["MAP950612KX4"]["annual_sales_mxn"] == by_rfc["MAP950612KX4"]["employees"] == ""
    assert by_rfc["MAP950612KX4"]["size_stratum"] == "small"


def test_an_export_takes_the_same_number_of_queries_however_many_records(registry, operator):
    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            export_registry(user=operator, fmt="xlsx")
        return len(captured)

    few = queries()
    for index in range(5):
        _supplier(f"EXT0101{index:02d}AB1", f"Extra {index}")
    assert queries() == few


# -- garbage in ----------------------------------------------------------------------------

_GARBAGE = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@_GARBAGE
@given(
    content=st.binary(max_size=400), prefix=st.sampled_from([b"", b"PK\x03\x04", b"\xef\xbb\xbf"])
)
def test_random_bytes_raise_an_import_error_and_write_nothing(operator, content, prefix):
    with pytest.raises(TabularImportError):
        import_registry(user=operator, filename="organizations.csv", content=prefix + content)
    assert not Organization.objects.exists()


_CELL = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)


@_GARBAGE
@given(kind=st.sampled_from(KINDS), data=st.data())
def test_random_cells_under_a_valid_header_either_import_or_write_nothing(operator, kind, data):
    header = [column.name for column in COLUMNS[kind] if column.required]
    rows = data.draw(st.lists(st.lists(_CELL, min_size=len(header), max_size=len(header)),
                              min_size=1, max_size=4))  # fmt: skip
    workbook = Workbook()
    workbook.active.title = kind
    workbook.active.append(header)
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    before = _snapshot()
    try:
        import_registry(user=operator, filename="random.xlsx", content=buffer.getvalue())
    except TabularImportError as error:
        assert error.errors and _snapshot() == before
    _empty_registry()


# -- command line --------------------------------------------------------------------------


def test_the_cli_exports_and_imports_a_workbook(registry, tmp_path, capsys):
    path = tmp_path / "registry.xlsx"
    assert main(["registry", "export", str(path)]) == 0
    before = _snapshot()
    _empty_registry()

    assert main(["registry", "import", str(path)]) == 0

    assert _snapshot() == before
    assert "organizations: 3 created" in capsys.readouterr().out


def test_the_cli_reports_each_bad_row_on_its_own_line_and_exits_2(tmp_path, capsys):
    path = tmp_path / "orgs.csv"
    path.write_bytes(_csv("rfc,legal_name,roles", "XX,Mala,supplier", "NUE200101AB1,,supplier"))

    assert main(["registry", "import", str(path), "--kind", "organizations"]) == 2

    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        f'{path}, row 2, column "rfc": an RFC is 3 letters (companies) or 4 (individuals), '
        "6 digits of date and a 3-character homoclave",
        f'{path}, row 3, column "legal_name": a value is required',
    ]
    assert not Organization.objects.exists()


def test_the_file_format_page_documents_every_column_of_every_kind():
    page = (Path(__file__).parents[3] / "docs" / "registry-files.md").read_text("utf-8")

    for kind, columns in COLUMNS.items():
        section = page.split(f"### `{kind}`", 1)[1].split("###", 1)[0]
        for column in columns:
            assert f"| `{column.name}` |" in section, (kind, column.name)
