"""Quotes and attributions: who said what, in which role, according to whom.

Modules, in the order they run: :mod:`.marks` (quotation-mark scanning), :mod:`.index`
(per-document arrays), :mod:`.cues` (reporting verbs over the dependency parse) and
:mod:`.phrases` ("according to", reporting nouns, "reportedly"), :mod:`.direct` (attaching
quotations, colon/dash attributions, floating quotes), :mod:`.headlines` (title-case
headlines), :mod:`.speakers` (names, pronouns, roles, groups) with :mod:`.sourcetype`, and
:mod:`.component`, which assembles the records. See docs/quotes.md.
"""
