"""One module per ``newsanno`` subcommand (a trailing ``_`` avoids keywords: ``import_``)."""
