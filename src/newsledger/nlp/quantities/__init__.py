"""Figures and time: quantities with units, qualifiers and what they measure; dates.

The layer ``newsledger_quantities`` (see :mod:`newsledger.nlp.registry`); its logic is
:func:`newsledger.nlp.quantities.component.extract`, its thresholds
:class:`newsledger.nlp.quantities.config.QuantitiesConfig`.
"""
