"""One error hierarchy for Amity.

Every error a user can meet is an :class:`AmityError` carrying a plain message, a *fix* (what to do next)
and a :class:`Category`. Front ends map errors exactly once: the CLI turns a category into an exit code
(:data:`EXIT_CODES`), the HTTP layer into a status (:data:`HTTP_STATUS`). Anything else escaping is our bug.

    AmityError
    ├── ConfigError          bad or missing configuration          (category CONFIG)
    ├── ModelError           model file missing/corrupt/unloadable (category MODEL)
    ├── BackendUnavailable   remote/local server unreachable        (category CONNECTIVITY)
    ├── StoreError           database unreadable or corrupt         (category STORE)
    ├── InputError           bad user input (file, id, value)       (category INPUT)
    ├── NotFound             an id that does not exist              (category NOT_FOUND)
    └── PermissionDenied     not allowed (auth, other user's data)  (category PERMISSION)
"""

from __future__ import annotations

from enum import StrEnum


class Category(StrEnum):
    """Why something failed; decides exit codes and HTTP statuses."""

    CONFIG = "config"
    MODEL = "model"
    CONNECTIVITY = "connectivity"
    STORE = "store"
    INPUT = "input"
    NOT_FOUND = "not_found"
    PERMISSION = "permission"
    RATE_LIMIT = "rate_limit"
    INTERNAL = "internal"


EXIT_CODES: dict[Category, int] = {
    Category.CONFIG: 3,
    Category.MODEL: 4,
    Category.CONNECTIVITY: 5,
    Category.STORE: 6,
    Category.INPUT: 2,
    Category.NOT_FOUND: 7,
    Category.PERMISSION: 8,
    Category.RATE_LIMIT: 9,
    Category.INTERNAL: 1,
}

HTTP_STATUS: dict[Category, int] = {
    Category.CONFIG: 500,
    Category.MODEL: 503,
    Category.CONNECTIVITY: 503,
    Category.STORE: 500,
    Category.INPUT: 422,
    Category.NOT_FOUND: 404,
    Category.PERMISSION: 403,
    Category.RATE_LIMIT: 429,
    Category.INTERNAL: 500,
}


class AmityError(Exception):
    """Base error: a message for the user, a fix to try, and a category."""

    category: Category = Category.INTERNAL

    def __init__(self, message: str, fix: str = "", *, category: Category | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fix = fix
        if category is not None:
            self.category = category

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.category]

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.category]

    def __str__(self) -> str:
        return f"{self.message}\n  Fix: {self.fix}" if self.fix else self.message


class ConfigError(AmityError):
    category = Category.CONFIG


class ModelError(AmityError):
    category = Category.MODEL


class BackendUnavailable(AmityError):
    category = Category.CONNECTIVITY


class StoreError(AmityError):
    category = Category.STORE


class InputError(AmityError):
    category = Category.INPUT


class NotFound(AmityError):
    category = Category.NOT_FOUND


class PermissionDenied(AmityError):
    category = Category.PERMISSION


class RateLimited(AmityError):
    category = Category.RATE_LIMIT
