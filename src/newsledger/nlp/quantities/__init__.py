"""Figures and time: quantities with units, qualifiers and what they measure; dates.

Registered as ``newsledger_quantities_v1`` (see :mod:`newsledger.nlp.registry`); the factory
is :func:`newsledger.nlp.quantities.component.make_quantities`.
"""
