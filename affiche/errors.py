"""The error hierarchy: every failure a user can cause is an `AfficheError` with a message that
names the input, the value and the fix. The command line turns these into one line and exit 2."""

from __future__ import annotations

__all__ = ["AfficheError", "InputError", "UnsupportedInput", "MissingDependency", "FetchError"]


class AfficheError(Exception):
    """Base class: a problem with what the user gave, reported in one line."""

    exit_code = 2


class InputError(AfficheError):
    """The input cannot be read: missing file, not text, bad value of an option."""


class UnsupportedInput(AfficheError):
    """The input is of a kind affiche does not read (yet)."""


class MissingDependency(AfficheError):
    """A program or package needed for this input is not installed; the message says which."""


class FetchError(AfficheError):
    """A URL could not be fetched within the limits (scheme, address, size, time, redirects)."""
