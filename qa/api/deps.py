"""What routes depend on, typed: the services the app's lifespan builds once, as FastAPI dependencies.

>>> @router.get("/api/reports")
... def list_reports(store: StoreDep) -> list[ReportOut]: ...
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Annotated, Literal

from fastapi import Depends, Request

from qa.answer.llm import Writer
from qa.config import Settings
from qa.retrieval.embed import Embedder
from qa.store import Store


class Lanes:
    """Serving policy: questions of one kind are answered one at a time, each kind in its own lane.

    Questions are CPU-bound Python (one GIL) around an embedder whose OpenMP threads use both cores, so
    running them at once only makes them fight: measured on 2 cores, 8 clients got 33 questions/s
    concurrently against 53 one at a time. Questions across every report (0.6 s at 5,000 reports) have
    their own lane, so they never queue ahead of the 20 ms questions about one township.
    """

    def __init__(self) -> None:
        self._locks = {"single": threading.Lock(), "across": threading.Lock()}

    @contextmanager
    def lane(self, kind: Literal["single", "across", "settled"]) -> Iterator[None]:
        if kind == "settled":  # already answered (a refusal): nothing to wait for
            yield
            return
        with self._locks[kind]:
            yield


@dataclass
class Services:
    """Everything a request may use, built once per app (or handed in, over a store already open)."""

    settings: Settings
    embedder: Embedder
    store: Store
    writer: Writer | None = None  # None: extractive answers only
    lanes: Lanes = field(default_factory=Lanes)
    write_lock: threading.Lock = field(default_factory=threading.Lock)  # one upload or delete at a time


def get_services(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def get_settings(request: Request) -> Settings:
    return get_services(request).settings


def get_store(request: Request) -> Store:
    return get_services(request).store


ServicesDep = Annotated[Services, Depends(get_services)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StoreDep = Annotated[Store, Depends(get_store)]
