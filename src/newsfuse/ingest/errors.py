from __future__ import annotations


class InputError(Exception):
    """An input that could not be read; the run goes on with the rest."""

    def __init__(self, name: str, reason: str) -> None:
        super().__init__(f"{name}: {reason}")
        self.name = name
        self.reason = reason
