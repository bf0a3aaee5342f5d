"""One exception tree. Entry points map these to exit codes and HTTP statuses."""


class QAError(Exception):
    """Base of every error qa raises on purpose."""


class ConfigError(QAError):
    """A setting is missing or inconsistent."""


class LexiconError(ConfigError):
    """The domain lexicon file has a line qa cannot read: which file, which line, why."""

    def __init__(self, path: object, line: int, reason: str) -> None:
        self.path, self.line, self.reason = str(path), line, reason
        super().__init__(f"{path}:{line}: {reason}" if line else f"{path}: {reason}")


class IngestError(QAError):
    """A file could not be ingested: which file, why, and what its owner can do about it."""

    def __init__(self, path: object, reason: str, fix: str | None = None, *,
                 zh: tuple[str, str | None] | None = None) -> None:
        self.path, self.reason, self.fix = str(path), reason, fix
        # The same in Chinese, for the officials who upload on the page (the CLI and logs keep the English).
        self.reason_zh: str | None = zh[0] if zh else None
        self.fix_zh: str | None = zh[1] if zh else None
        super().__init__(f"{path}: {reason}" + (f" — {fix}" if fix else ""))


class StoreError(QAError):
    """The store (Chroma, keyword index, registry) failed or is inconsistent."""


class StoreBusyError(StoreError):
    """Another process is writing the registry or the data folder: trying again later helps."""

    retry_after = 5  # seconds a client is told to wait (HTTP Retry-After)


class EmbedderMismatchError(StoreError):
    """The collection was built by another embedder than the one configured."""


class LLMError(QAError):
    """The LLM server failed or replied with nothing usable; the message says which, in one line."""


class LLMTimeoutError(LLMError):
    """The LLM server did not answer within QA_LLM_TIMEOUT."""


class LLMUnreachableError(LLMError):
    """No connection to the LLM server could be made."""


class RetrievalError(QAError):
    """Search failed."""


class BadQuestionError(QAError):
    """The question cannot be answered as asked (empty, too long)."""


class BadInputError(QAError):
    """A field of a request has a value qa cannot take (a correction to a year that is not one)."""


class NotFoundError(QAError):
    """A report or other resource does not exist."""


class EvalError(QAError):
    """The eval harness cannot run as asked (a malformed gold file, a quote not in its report)."""
