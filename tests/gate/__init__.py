"""The publishing gate (issue 5): rules 1-9 checked on the built site and its sources.

Run it with `python -m tests.gate` (see __main__.py); pytest runs it through tests/site/test_gate.py,
and tests/gate/test_catches.py proves each rule catches the defect it exists for.
"""
