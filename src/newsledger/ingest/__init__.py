"""Reading inputs into :class:`~newsledger.models.Article` objects."""
