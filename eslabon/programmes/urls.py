from __future__ import annotations

app_name = "programmes"
urlpatterns: list = []
