"""The local web app: one page and a JSON API over the same Python API as the CLI.

`create_app()` builds it; `pausepost serve` runs it on 127.0.0.1. The OpenAPI schema is at
/api/openapi.json (the interactive docs pages are off: they load scripts from a CDN).
"""

from __future__ import annotations

import contextlib
import re
import secrets
from collections.abc import AsyncIterator, Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any, Literal

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel, ConfigDict, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from pausepost import __version__
from pausepost.engine import Checker
from pausepost.errors import InputError, PausepostError
from pausepost.model import AUDIENCES
from pausepost.web.audits import AuditBook
from pausepost.web.security import (
    TOKEN_HEADER,
    BodyLimit,
    GuardSettings,
    LocalGuard,
    allowed_hosts,
)
from pausepost.web.uploads import UploadFolder

MAX_CHECK_BYTES = 1 * 2**20  # a post is at most 100,000 characters: 400 KB of UTF-8 at worst
MAX_MEDIA_BYTES = 512 * 2**20  # photos are refused over 80 MB later; videos can be long
MAX_EXPORT_BYTES = 8 * 2**30  # the audit's own limit on an export's unpacked size

# Characters each platform allows in one post (X counts every link as 23; Bluesky counts
# graphemes). Shown beside the text box.
PLATFORMS = [
    {"id": "x", "name": "X", "limit": 280, "links": 23},
    {"id": "bluesky", "name": "Bluesky", "limit": 300, "graphemes": True},
    {"id": "threads", "name": "Threads", "limit": 500},
    {"id": "mastodon", "name": "Mastodon", "limit": 500, "links": 23},
    {"id": "instagram", "name": "Instagram caption", "limit": 2200},
    {"id": "linkedin", "name": "LinkedIn", "limit": 3000},
    {"id": "facebook", "name": "Facebook", "limit": 63206},
]


class CheckRequest(BaseModel):
    """A draft post, as `pausepost.check` takes it; photos and videos by upload id."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field("", description="the post's words (may be empty when it has media)")
    quote: str | None = Field(None, description="the post it replies to or reshares")
    audience: Literal["public", "followers", "friends", "private"] = "public"
    images: list[str] = Field(default_factory=list, max_length=10,
                              description="ids from POST /api/uploads")
    videos: list[str] = Field(default_factory=list, max_length=4,
                              description="ids from POST /api/uploads")


class PauseRequest(BaseModel):
    """A draft to hold for a cooling-off time."""

    model_config = ConfigDict(extra="forbid")
    text: str
    quote: str | None = None
    audience: Literal["public", "followers", "friends", "private"] = "public"
    minutes: int | None = Field(None, ge=0, le=7 * 24 * 60, description="the base wait "
                                "(default: the profile's pause_minutes); a flagged or late-night "
                                "draft waits longer")


class EditRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    text: str


class ReleaseRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")
    force: bool = Field(False, description="release before the cooling-off time is up")


class DecisionRequest(BaseModel):
    """What the person did about one audited post."""

    model_config = ConfigDict(extra="forbid")
    key: str = Field(..., max_length=300, description="the post's key from the posts list")
    decision: Literal["handled", "deleted", "keep", "undecided"] = Field(
        ..., description="undecided takes an earlier decision back")


def _error(status: int, message: str) -> JSONResponse:
    return JSONResponse({"error": message}, status_code=status)


def _validation_message(exc: RequestValidationError) -> str:
    parts = []
    for error in exc.errors()[:3]:
        where = ".".join(str(p) for p in error.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {error.get('msg', 'invalid')}")
    return "; ".join(parts) or "invalid request"


def _index_html(token: str) -> str:
    page = resources.files("pausepost.web").joinpath("static/index.html").read_text("utf-8")
    return page.replace("{{TOKEN}}", token).replace("{{VERSION}}", __version__)


def create_app(*, policy: str | None = None, profile: str | None = None,
               host: str = "127.0.0.1", port: int = 8765, data_dir: Path | None = None,
               audits: Sequence[Path] = (), token: str | None = None) -> FastAPI:
    """The web app for one policy and profile, answering only on `host`:`port`."""
    from pausepost.guards import audience_reminders
    from pausepost.paths import data_dir as default_data_dir

    checker = Checker(policy, profile)
    token = token or secrets.token_urlsafe(24)
    uploads = UploadFolder()
    book = AuditBook((data_dir or default_data_dir()) / "audits", tuple(audits),
                     policy=policy, profile=profile)

    @contextlib.asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        try:
            yield
        finally:
            uploads.close()  # nothing the person uploaded outlives the server

    app = FastAPI(title="pausepost", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=lifespan,
                  openapi_url="/api/openapi.json",
                  description="Check a draft post against the rules that apply to its author, "
                  "on this machine only. Requests that change anything need the "
                  f"`{TOKEN_HEADER}` header with the token `pausepost serve` printed.")
    app.state.token = token
    app.state.checker = checker
    app.state.uploads = uploads
    app.state.audits = book

    def _tidy(message: str) -> str:
        """Messages name the uploaded file, not the private folder it sits in."""
        return re.sub(re.escape(str(uploads.root)) + r"/[0-9a-f]+/", "", message)

    @app.exception_handler(PausepostError)
    async def _bad_input(_: Request, exc: PausepostError) -> JSONResponse:
        return _error(422 if isinstance(exc, InputError) else 400, _tidy(str(exc)))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_: Request, exc: RequestValidationError) -> JSONResponse:
        return _error(422, _validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        return _error(exc.status_code, str(exc.detail))

    def _upload(upload_id: str) -> Any:
        try:
            return uploads.get(upload_id)
        except KeyError:
            raise HTTPException(404, f"no upload {upload_id!r} (uploads are kept only while "
                                "the server runs)") from None

    def _audit_or_404(audit_id: str) -> Any:
        try:
            return book.get(audit_id)
        except KeyError:
            raise HTTPException(404, f"no audit {audit_id!r}") from None

    @app.get("/", include_in_schema=False)
    async def index() -> HTMLResponse:
        return HTMLResponse(_index_html(token), headers={"cache-control": "no-store"})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return Response(status_code=204)

    @app.get("/api/info", summary="Version, policy, profile, audiences and platform limits")
    async def info() -> dict[str, Any]:
        prof = checker.profile
        return {
            "version": __version__,
            "policy": {"id": checker.policy.id, "name": checker.policy.name,
                       "chain": list(checker.policy.chain)},
            "profile": {"department": prof.department or checker.policy.default_department,
                        "political_group": prof.political_group,
                        "pause_minutes": prof.pause_minutes,
                        "union_rep": dict(prof.union_rep)},
            "audiences": {a: list(audience_reminders(a, ())) for a in AUDIENCES},
            "platforms": PLATFORMS,
            "limits": {"check_bytes": MAX_CHECK_BYTES, "media_bytes": MAX_MEDIA_BYTES,
                       "export_bytes": MAX_EXPORT_BYTES},
        }

    @app.get("/api/rules", summary="Every rule of the active policy pack, explained")
    async def rules() -> dict[str, Any]:
        pol = checker.policy
        return {
            "policy": {"id": pol.id, "name": pol.name, "chain": list(pol.chain)},
            "rules": [{"id": r.id, "title": r.title, "level": r.level, "why": r.why,
                       "example": r.example, "instead": r.instead, "advice": r.advice,
                       "citations": [c.to_dict() for c in r.citations]}
                      for r in pol.rules.values()],
            "political_levels": pol.political_levels,
            "political_group": checker.profile.political_group,
        }

    @app.post("/api/check", summary="Check a draft post (the report of BRIEF §3)")
    async def check(body: CheckRequest) -> JSONResponse:
        images = [_upload(i).path for i in body.images]
        videos = [_upload(i).path for i in body.videos]
        if images or videos:  # seconds of work: keep the server answering meanwhile
            report = await run_in_threadpool(
                checker.check, body.text, quote=body.quote, audience=body.audience,
                images=images, videos=videos)
        else:  # a few milliseconds: quicker done than handed to a thread
            report = checker.check(body.text, quote=body.quote, audience=body.audience)
        data = report.to_dict()
        if "problems" in data:
            data["problems"] = [_tidy(p) for p in data["problems"]]
        return JSONResponse(data)

    @app.post("/api/uploads", status_code=201, summary="Upload a photo or video",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/octet-stream": {"schema": {"type": "string",
                                                          "format": "binary"}}}}})
    async def upload(request: Request,
                     name: str = Query("upload", max_length=200,
                                       description="the file's name")) -> dict[str, Any]:
        item = await uploads.receive(request.stream(), name, None, MAX_MEDIA_BYTES)
        if item.kind == "image":
            from pausepost.media.loading import open_image

            try:
                (await run_in_threadpool(open_image, item.path)).close()
            except PausepostError:
                uploads.remove(item.id)
                raise
        return item.to_dict()

    @app.delete("/api/uploads/{upload_id}", status_code=204,
                summary="Delete an upload now (all are deleted when the server stops)")
    async def delete_upload(upload_id: str) -> Response:
        if not uploads.remove(upload_id):
            raise HTTPException(404, f"no upload {upload_id!r}")
        return Response(status_code=204)

    @app.post("/api/uploads/{upload_id}/redact",
              summary="Make a redacted copy: faces blurred, text and codes covered, metadata "
              "removed; the copy is checked again")
    async def redact_upload(upload_id: str) -> dict[str, Any]:
        from pausepost.media.redact import default_output, redact

        item = _upload(upload_id)
        out = item.path.parent / default_output(Path("redacted" + item.path.suffix)).name
        result = await run_in_threadpool(redact, item.path, out, checker)
        item.redacted = result.output
        return {
            "name": default_output(Path(item.name)).name,
            "download": f"/api/uploads/{upload_id}/redacted",
            "lossless": result.lossless,
            "actions": result.actions,
            "remaining": [f.to_dict() for f in result.remaining],
            "notes": [_tidy(n) for n in result.notes],
        }

    @app.get("/api/uploads/{upload_id}/redacted", summary="Download the redacted copy")
    async def redacted(upload_id: str) -> FileResponse:
        from pausepost.media.redact import default_output

        item = _upload(upload_id)
        if item.redacted is None or not item.redacted.exists():
            raise HTTPException(404, "no redacted copy yet: POST …/redact first")
        return FileResponse(item.redacted, filename=default_output(Path(item.name)).name,
                            headers={"cache-control": "no-store"})

    @app.get("/api/audits", summary="Audits in the data folder and those named at start")
    async def list_audits() -> list[dict[str, Any]]:
        return book.list()

    @app.post("/api/audits", status_code=202,
              summary="Start an audit of a platform export (its bytes as the body)",
              openapi_extra={"requestBody": {"required": True, "content": {
                  "application/octet-stream": {"schema": {"type": "string",
                                                          "format": "binary"}}}}})
    async def start_audit(request: Request,
                          name: str = Query("export.zip", max_length=200),
                          media: bool = Query(False, description="check photos and videos "
                                              "too (much slower)")) -> dict[str, Any]:
        item = await uploads.receive(request.stream(), name, "export", MAX_EXPORT_BYTES)
        entry = book.start(item.path, item.name, media=media,
                           cleanup=lambda: uploads.remove(item.id))
        return entry.to_dict()

    @app.get("/api/audits/{audit_id}", summary="An audit's progress")
    async def audit_status(audit_id: str) -> dict[str, Any]:
        return dict(_audit_or_404(audit_id).to_dict())

    @app.get("/api/audits/{audit_id}/posts", summary="An audit's posts, riskiest first")
    async def audit_posts(audit_id: str, risky: bool = True, rule: str | None = None,
                          level: Literal["note", "warning", "error"] | None = None,
                          year: str | None = Query(None, max_length=10),
                          decision: Literal["handled", "deleted", "keep", "undecided"] | None
                          = None, offset: int = Query(0, ge=0),
                          limit: int = Query(50, ge=1, le=500)) -> dict[str, Any]:
        _audit_or_404(audit_id)
        return await run_in_threadpool(book.posts, audit_id, risky_only=risky, rule=rule,
                                       level=level, year=year, decision=decision,
                                       offset=offset, limit=limit)

    @app.post("/api/audits/{audit_id}/decisions",
              summary="Mark a post handled, deleted or keep, or undecided again (stored in the "
              "audit file)")
    async def decide(audit_id: str, body: DecisionRequest) -> dict[str, Any]:
        _audit_or_404(audit_id)
        await run_in_threadpool(book.decide, audit_id, body.key, body.decision)
        return {"key": body.key, "decision": body.decision}

    drafts_home = data_dir or default_data_dir()

    def _drafts() -> Any:
        from pausepost.act.drafts import DraftStore

        return DraftStore(drafts_home / "drafts.sqlite", checker=checker)

    async def _on_draft(draft_id: str, action: Callable[[Any], Any]) -> dict[str, Any]:
        """Run `action(store)` on an existing draft; an unknown id is a 404."""
        def run() -> Any:
            store = _drafts()
            try:
                store.get(draft_id)
            except InputError as exc:
                raise HTTPException(404, str(exc)) from None
            return action(store)

        return dict((await run_in_threadpool(run)).to_dict())

    @app.get("/api/drafts", summary="Drafts on hold (the same store as `pausepost drafts`)")
    async def list_drafts() -> list[dict[str, Any]]:
        return [d.to_dict() for d in await run_in_threadpool(lambda: _drafts().list())]

    @app.post("/api/drafts", status_code=201, summary="Pause: hold a draft, checked, for a "
              "cooling-off time")
    async def pause(body: PauseRequest) -> dict[str, Any]:
        draft = await run_in_threadpool(lambda: _drafts().add(
            body.text, quote=body.quote, audience=body.audience, minutes=body.minutes))
        return dict(draft.to_dict())

    @app.get("/api/drafts/{draft_id}/review", summary="A held draft checked again, with what "
             "changed, the 'imagine it said to you' view and the audience reminder")
    async def review(draft_id: str) -> dict[str, Any]:
        return await _on_draft(draft_id, lambda store: store.review(draft_id))

    @app.post("/api/drafts/{draft_id}/edit", summary="Change a held draft's words")
    async def edit(draft_id: str, body: EditRequest) -> dict[str, Any]:
        return await _on_draft(draft_id, lambda store: store.edit(draft_id, body.text))

    @app.post("/api/drafts/{draft_id}/release", summary="Release a draft for posting (refused "
              "while it is cooling off, unless force)")
    async def release(draft_id: str, body: ReleaseRequest) -> dict[str, Any]:
        return await _on_draft(draft_id,
                               lambda store: store.release(draft_id, force=body.force))

    @app.delete("/api/drafts/{draft_id}", status_code=204, summary="Discard a draft and its "
                "words")
    async def discard(draft_id: str) -> Response:
        await _on_draft(draft_id, lambda store: store.discard(draft_id))
        return Response(status_code=204)

    static = resources.files("pausepost.web").joinpath("static")
    app.mount("/static", StaticFiles(directory=str(static)), name="static")

    settings = GuardSettings(
        hosts=allowed_hosts(host, port), token=token,
        limits=[
            BodyLimit(re.compile(r"/api/uploads"), MAX_MEDIA_BYTES, "file"),
            BodyLimit(re.compile(r"/api/audits"), MAX_EXPORT_BYTES, "file"),
            BodyLimit(re.compile(r"/api/check"), MAX_CHECK_BYTES, "json"),
            BodyLimit(re.compile(r"/api/drafts(/[^/]+/edit)?"), MAX_CHECK_BYTES, "json"),
        ],
        default_limit=64 * 1024,
    )
    app.add_middleware(LocalGuard, settings=settings)
    return app
