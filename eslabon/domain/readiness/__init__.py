"""Readiness diagnostics: score a self-assessment, list its gaps, plan a dated roadmap.

Pure engine (no Django, no I/O); the questionnaires and tables it works on are loaded by
`eslabon.data.readiness` and handed in by the CLI or a service.
"""
