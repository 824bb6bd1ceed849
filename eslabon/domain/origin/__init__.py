"""USMCA rules of origin: regional value content, thresholds, LVC and localisation what-if.

Pure and typed: the CLI and the web layer parse a good, call ``check_good`` or
``localize`` with the rule book from ``eslabon.data.origin``, and render the result.
"""
