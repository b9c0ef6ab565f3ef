"""Issue Drafter: a Markdown editor that warns about the defects that slip into drafts."""

__version__ = "0.1.0"
