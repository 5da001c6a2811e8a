"""The dialogues app's refusal: a Vietnamese message, nothing saved."""

from __future__ import annotations


class DialogueError(Exception):
    """A write refused; ``message`` says why, in the reader's language."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
