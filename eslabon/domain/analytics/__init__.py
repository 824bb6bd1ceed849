"""Programme analytics: the statistical disclosure rule applied to every shared figure.

Pure (no Django, no I/O); the analytics app calls it on the counts the database returns.
"""
