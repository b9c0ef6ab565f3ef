"""The desktop window (PySide6): thin widgets over the core."""
