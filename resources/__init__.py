"""Package data for Issue Drafter (installed as ``editor.resources``): CSS and icons."""
