"""Date and number formats per language (FORMAT_MODULE_PATH), over Django's own.

Latvian dates are written 01.12.2026 (with the final period where the sentence puts it);
English ones 1 December 2026, which no reader can take for the 12th of January.
"""
