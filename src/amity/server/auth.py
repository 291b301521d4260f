"""Sign-up, sign-in and the ``current_user`` dependency (bearer tokens).

Sign-in is rate limited per client address and per username (argon2 makes each guess expensive too).
Password hashing runs in a worker thread so it never stalls the event loop. ``current_user`` resolves the
bearer token to the account's user id - the only user id any route ever uses.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel, Field
from starlette.concurrency import run_in_threadpool

from amity.errors import PermissionDenied
from amity.server.app import ERROR_RESPONSES, ErrorOut, StrictModel, reject_unknown_query, state_of
from amity.server.integrations import forget_user
from amity.store.accounts import MAX_PASSWORD, MIN_PASSWORD, USERNAME_PATTERN

router = APIRouter(tags=["accounts"], responses=ERROR_RESPONSES, dependencies=[Depends(reject_unknown_query)])
_bearer = HTTPBearer(auto_error=False, description="The token from /auth/login or /auth/register")


class NotSignedIn(PermissionDenied):
    """No or an invalid token: 401 (rather than 403) so clients know to sign in."""

    @property
    def http_status(self) -> int:
        return 401


class Credentials(StrictModel):
    username: str = Field(min_length=1, max_length=64, examples=["sam"])
    password: str = Field(min_length=1, max_length=MAX_PASSWORD, examples=["correct horse battery"])


class NewAccount(StrictModel):
    username: str = Field(
        pattern=USERNAME_PATTERN,
        examples=["sam"],
        description="3-32 letters, digits, '_', '.' or '-', starting with a letter or digit",
    )
    password: str = Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD, examples=["correct horse battery"])


class PasswordChange(StrictModel):
    old_password: str = Field(min_length=1, max_length=MAX_PASSWORD)
    new_password: str = Field(min_length=MIN_PASSWORD, max_length=MAX_PASSWORD)


class AccountDeletion(StrictModel):
    password: str = Field(min_length=1, max_length=MAX_PASSWORD)


class TokenOut(BaseModel):
    token: str
    token_type: str = "bearer"
    expires_at: str
    user_id: str
    username: str


class AccountOut(BaseModel):
    user_id: str
    username: str
    created_at: str


class Ok(BaseModel):
    ok: bool = True


async def current_user(
    request: Request, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> str:
    if creds is None or creds.scheme.lower() != "bearer" or not creds.credentials:
        raise NotSignedIn("You are not signed in.", "Send `Authorization: Bearer <token>` from /api/v1/auth/login.")
    state = state_of(request.app)
    try:
        user_id = state.accounts.resolve_token(creds.credentials)
    except PermissionDenied as exc:
        raise NotSignedIn(exc.message, exc.fix) from None
    await state.app.companion.after_turn.settled(user_id)  # read your writes: the finished turns in full
    return user_id


UserId = Annotated[str, Depends(current_user)]


def _client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def _token_out(token: str, expires: str, user_id: str, username: str) -> TokenOut:
    return TokenOut(token=token, expires_at=expires, user_id=user_id, username=username)


@router.post(
    "/auth/register",
    status_code=201,
    summary="Create an account and sign in",
    responses={409: {"model": ErrorOut, "description": "The username is taken"}},
)
async def register(body: NewAccount, request: Request) -> TokenOut:
    state = state_of(request.app)
    if not state.settings.allow_signup:
        raise PermissionDenied("Sign-up is closed on this server.", "Ask the operator for an account.")
    state.login_limiter.check(f"register:{_client(request)}")
    account = await run_in_threadpool(state.accounts.register, body.username, body.password)
    token, expires = state.accounts.issue_token(account.user_id)
    return _token_out(token, expires.isoformat(), account.user_id, account.username)


@router.post("/auth/login", summary="Sign in; returns a bearer token")
async def login(body: Credentials, request: Request) -> TokenOut:
    state = state_of(request.app)
    state.login_limiter.check(f"ip:{_client(request)}")
    state.login_limiter.check(f"user:{body.username.lower()}")
    account = await run_in_threadpool(state.accounts.authenticate, body.username, body.password)
    token, expires = state.accounts.issue_token(account.user_id)
    return _token_out(token, expires.isoformat(), account.user_id, account.username)


@router.post("/auth/logout", summary="Revoke the token used for this request")
async def logout(
    request: Request, user_id: UserId, creds: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> Ok:
    if creds is not None:
        state_of(request.app).accounts.revoke_token(creds.credentials)
    return Ok()


@router.get("/auth/me", summary="The signed-in account")
async def me(request: Request, user_id: UserId) -> AccountOut:
    account = state_of(request.app).accounts.get(user_id)
    return AccountOut(**account.to_dict())


@router.post("/auth/password", summary="Change the password (signs out every device)")
async def change_password(body: PasswordChange, request: Request, user_id: UserId) -> Ok:
    state = state_of(request.app)
    state.login_limiter.check(f"pw:{user_id}")
    await run_in_threadpool(state.accounts.change_password, user_id, body.old_password, body.new_password)
    return Ok()


@router.post("/auth/delete", summary="Delete the account and everything Amity stored for it")
async def delete_account(body: AccountDeletion, request: Request, user_id: UserId) -> Ok:
    state = state_of(request.app)
    state.login_limiter.check(f"del:{user_id}")
    account = state.accounts.get(user_id)
    await run_in_threadpool(state.accounts.authenticate, account.username, body.password)
    forget_user(state.app, user_id)  # the privacy area's verified sweep, when installed
    state.accounts.delete_account(user_id)  # and always the account, its tokens and the user row
    return Ok()
