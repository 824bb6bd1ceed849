"""Origin test data: the docs/examples/origin good (a suspension part) as rows and as a CSV."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from eslabon.origin import services
from eslabon.origin.models import Good

# The example of docs/examples/origin/good.json as a BOM table (docs/origin.md).
BOM_CSV = """\
id,parent_id,description,hs_code,origin_country,originating,value,quantity,supplier,metal
M1,,Coil spring,7320.20,CN,no,180.00,4,Qingdao Springs,
M2,,Damper tube,7306.30,KR,no,120.50,2,Busan Tube,
M3,,Control arm,8708.80,MX,yes,210.00,2,Forjas del Norte,
M3.1,M3,Forging billet,7214.99,BR,no,60.00,2,,
M4,,Bushings,4016.99,,unknown,35.25,8,Unknown trader,
M5,,Aluminium knuckle,7616.99,US,yes,140.00,2,Ohio Castings,aluminium
"""


def bom_upload(text: str = BOM_CSV, name: str = "bom.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def good_data(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Strut assembly",
        "part_number": "STR-100",
        "hs_code": "8708.80",
        "product_class": "",
        "end_use": "passenger_or_light_truck",
        "transaction_value": Decimal("1250.00"),
        "net_cost": Decimal("1000.00"),
        "currency": "USD",
        "date": dt.date(2023, 7, 1),
    }
    data.update(overrides)
    return data


def example_good(organization: Any, user: Any = None, **overrides: Any) -> Good:
    good = services.create_good(organization=organization, user=user, data=good_data(**overrides))
    services.import_bom(good=good, upload=bom_upload(), max_bytes=10_000_000)
    good.refresh_from_db()
    return good
