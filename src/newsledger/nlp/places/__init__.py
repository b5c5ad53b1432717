"""Place recognition and resolution: ``doc._.nl_places`` (see :mod:`.component`)."""
