"""Events: who did what to whom, where and when, coded in PLOVER, mapped to ACLED and CAMEO."""
