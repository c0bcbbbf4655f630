"""The one exception root of civiscan; each subclass names what is wrong and where."""

from __future__ import annotations


class CiviscanError(Exception):
    """Root of every error civiscan raises on purpose.

    People read these messages, in French or in English: ``fr`` carries the French text, and
    :meth:`text` picks the one for the reader's language.
    """

    def __init__(self, message: str, *, fr: str | None = None) -> None:
        super().__init__(message)
        self.fr = fr

    def text(self, language: str) -> str:
        return self.fr if language == "fr" and self.fr else str(self)


class UsageError(CiviscanError):
    """The command line, a target or a configuration file is wrong (exit 2)."""


class ConfigError(UsageError):
    """A configuration file is unreadable or invalid; the message names the file and line."""


class TargetError(UsageError):
    """A target cannot be parsed or does not exist."""


class RuleError(UsageError):
    """A rule file is invalid; the message names the file."""


class ScanError(CiviscanError):
    """A repository could not be scanned (exit 3 when nothing could be scanned)."""


class EmptyRepository(ScanError):
    """The repository exists but holds no commit: nothing to scan (a registry says so apart)."""


class ParseError(CiviscanError):
    """A file from a scanned repository could not be parsed.

    Carries the repository-relative path and the 1-based line (when known), so that findings and
    SARIF locations can point at it.
    """

    def __init__(self, path: str, message: str, *, line: int | None = None,
                 column: int | None = None, fr: str | None = None) -> None:
        self.path = path
        self.message = message
        self.message_fr = fr
        self.line = line
        self.column = column
        where = f"{path}:{line}" if line else path
        super().__init__(f"{where}: {message}", fr=f"{where} : {fr}" if fr else None)

    def moved_to(self, path: str) -> ParseError:
        """The same error about identical content at another path."""
        return ParseError(path, self.message, line=self.line, column=self.column,
                          fr=self.message_fr)

    def to_problem(self, source: str) -> dict[str, object]:
        """The facts ``problems[]`` entry describing this error (``message_fr`` where a French
        text exists)."""
        problem: dict[str, object] = {"source": source, "path": self.path, "line": self.line,
                                      "message": self.message}
        if self.message_fr:
            problem["message_fr"] = self.message_fr
        return problem
