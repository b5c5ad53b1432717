"""Quotes and attributions: who said what, in which role, according to whom.

Modules, in the order they run: :mod:`.marks` (quotation-mark scanning), :mod:`.cues`
(reporting verbs, "according to", cue nouns over the dependency parse), :mod:`.direct`
(attaching quotations, colon/dash attributions, floating quotes), :mod:`.speakers` (names,
pronouns, roles, groups), :mod:`.sourcetype`, and :mod:`.component` which assembles them.
"""
