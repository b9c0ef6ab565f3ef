"""The Qt-free core: documents, Markdown parsing, rendering, checks, export, config, files."""
