"""The Assemblée nationale "acteurs / organes" open data (AMO datasets), as a lookup.

Question records name their author by reference only (`acteurRef` "PA795778");
the AMO datasets of data.assemblee-nationale.fr give the person behind it:

    json/acteur/PA795778.json  {"acteur": {"uid": {"#text": "PA795778"},
                                 "etatCivil": {"ident": {"civ": "M.", "prenom": ..., "nom": ...}},
                                 "mandats": {"mandat": [{"typeOrgane": "GP",
                                   "organes": {"organeRef": "PO800520"},
                                   "dateDebut": ..., "dateFin": ..., "legislature": "16",
                                   "election": {"lieu": {"departement": ..., "numCirco": ...}}}]}}}
    json/organe/PO800520.json  {"organe": {"uid": "PO800520", "codeType": "GP",
                                 "libelle": "Rassemblement National", "libelleAbrev": "RN"}}

`load_actors` reads a folder or a zip of such files, or one export file
(`{"export": {"acteurs": {"acteur": [...]}, "organes": {"organe": [...]}}}`).
`uid` may be a string or `{"#text": ...}`; `mandat` an object or a list.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from parlkg.errors import InputError
from parlkg.read.archive import is_archive, member_path, open_archive

MAX_JSON_BYTES = 200 * 1024 * 1024  # a whole export file may be large
_HINT = 'pass the AN "acteurs et organes" open data: acteur/PA*.json and organe/PO*.json files'


@dataclass(frozen=True)
class Mandate:
    """One mandate of an actor: a group (GP), a seat (ASSEMBLEE), a committee ..."""

    organ: str | None  # "PO800520"
    kind: str | None  # typeOrgane: "GP", "ASSEMBLEE", ...
    start: dt.date | None
    end: dt.date | None
    legislature: int | None
    department: str | None = None  # election.lieu.departement (ASSEMBLEE mandates)
    district: int | None = None  # election.lieu.numCirco

    def covers(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    ref: str  # "PA795778"
    civility: str | None  # "M.", "Mme"
    name: str  # "Jean-Philippe Tanguy": given name, family name
    mandates: tuple[Mandate, ...] = ()


@dataclass(frozen=True)
class Organ:
    ref: str  # "PO800520"
    kind: str | None  # codeType: "GP", "ASSEMBLEE", "MINISTERE", ...
    label: str  # "Rassemblement National"
    short: str | None  # "RN"


@dataclass(frozen=True)
class Member:
    """What the lookup says about an author at a document's date."""

    ref: str
    civility: str | None
    name: str
    group: str | None = None  # the group's label
    group_short: str | None = None
    constituency: str | None = None  # "Hérault (7e circonscription)"
    department: str | None = None  # "Hérault"


@dataclass
class Actors:
    """Actors and organs by reference; `unresolved` records the documents read
    whose author it could not name (document path -> acteurRef)."""

    actors: dict[str, Actor] = field(default_factory=dict)
    organs: dict[str, Organ] = field(default_factory=dict)
    source: str | None = None  # where they were loaded from
    unresolved: dict[str, str] = field(default_factory=dict)

    def member(
        self, ref: str, on: dt.date | None = None, legislature: int | None = None
    ) -> Member | None:
        """The actor `ref` at date `on` (else in `legislature`): name, group, seat."""
        actor = self.actors.get(ref)
        if actor is None:
            return None
        group = self._current(actor, "GP", on, legislature)
        organ = self.organs.get(group.organ or "") if group else None
        seat = self._current(actor, "ASSEMBLEE", on, legislature)
        constituency = department = None
        if seat is not None and seat.department:
            department = seat.department
            constituency = department
            if seat.district:
                rank = "1re" if seat.district == 1 else f"{seat.district}e"
                constituency = f"{department} ({rank} circonscription)"
        return Member(
            ref=ref,
            civility=actor.civility,
            name=actor.name,
            group=organ.label if organ else None,
            group_short=organ.short if organ else None,
            constituency=constituency,
            department=department,
        )

    def _current(
        self, actor: Actor, kind: str, on: dt.date | None, legislature: int | None
    ) -> Mandate | None:
        mandates = [m for m in actor.mandates if m.kind == kind]
        if on is not None:
            dated = [m for m in mandates if m.covers(on)]
            if dated:
                return max(dated, key=lambda m: m.start or dt.date.min)
            if legislature is None:
                return None
        if legislature is not None:
            mandates = [m for m in mandates if m.legislature in (legislature, None)]
        if not mandates:
            return None
        return max(mandates, key=lambda m: m.start or dt.date.min)


def load_actors(path: Path) -> Actors:
    """The actors and organs of the AMO open data at `path` (folder, zip or file)."""
    out = Actors(source=str(path))
    for where, data in _records(path):
        _add(out, where, data)
    if not out.actors:
        raise InputError(path, "no acteur record found", hint=_HINT)
    return out


def _records(path: Path) -> Iterator[tuple[str, Any]]:
    """(where, parsed JSON) for every JSON file under `path`."""
    if path.is_dir():
        for child in sorted(p for p in path.rglob("*.json") if p.is_file()):
            yield str(child), _parse(str(child), _read(child))
    elif path.is_file() and is_archive(path):
        archive = open_archive(path, _is_json)
        for name in sorted(archive.names()):
            where = str(member_path(path, name))
            yield where, _parse(where, archive.read(name))
    elif path.is_file():
        yield str(path), _parse(str(path), _read(path))
    else:
        raise InputError(path, "no such file or folder", hint=_HINT)


def _is_json(name: PurePosixPath) -> bool:
    return name.suffix.lower() == ".json" and not name.name.startswith(".")


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_JSON_BYTES:
            raise InputError(path, f"over the {MAX_JSON_BYTES // 1_000_000} MB limit")
        return path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read the file: {exc.strerror or exc}") from None


def _parse(where: str, data: bytes) -> Any:
    try:
        return json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(where, f"not a JSON record: {exc}", hint=_HINT) from None


def _add(out: Actors, where: str, data: Any) -> None:
    if not isinstance(data, dict):
        return
    if isinstance(data.get("export"), dict):  # one file holding everything
        export = data["export"]
        for item in _many(_get(export, "organes", "organe")):
            _add(out, where, {"organe": item})
        for item in _many(_get(export, "acteurs", "acteur")):
            _add(out, where, {"acteur": item})
        return
    if isinstance(data.get("organe"), dict):
        organ = _organ(where, data["organe"])
        if organ is not None:
            out.organs[organ.ref] = organ
    if isinstance(data.get("acteur"), dict):
        actor = _actor(where, data["acteur"])
        out.actors[actor.ref] = actor


def _actor(where: str, record: dict[str, Any]) -> Actor:
    ref = _text(record.get("uid"))
    if not ref:
        raise InputError(where, "acteur.uid: expected the actor's reference (PA...)", hint=_HINT)
    ident = _get(record, "etatCivil", "ident")
    ident = ident if isinstance(ident, dict) else {}
    given, family = _text(ident.get("prenom")), _text(ident.get("nom"))
    name = " ".join(p for p in (given, family) if p)
    if not name:
        raise InputError(where, f"acteur {ref}: etatCivil.ident has no prenom or nom", hint=_HINT)
    mandates = tuple(_mandate(m) for m in _many(_get(record, "mandats", "mandat")))
    return Actor(ref=ref, civility=_text(ident.get("civ")), name=name, mandates=mandates)


def _mandate(record: Any) -> Mandate:
    record = record if isinstance(record, dict) else {}
    place = _get(record, "election", "lieu")
    place = place if isinstance(place, dict) else {}
    return Mandate(
        organ=_text(_get(record, "organes", "organeRef")) or _text(record.get("organeRef")),
        kind=_text(record.get("typeOrgane")),
        start=_date(record.get("dateDebut")),
        end=_date(record.get("dateFin")),
        legislature=_int(record.get("legislature")),
        department=_text(place.get("departement")),
        district=_int(place.get("numCirco")),
    )


def _organ(where: str, record: dict[str, Any]) -> Organ | None:
    ref = _text(record.get("uid"))
    label = _text(record.get("libelle")) or _text(record.get("libelleAbrege"))
    if not ref or not label:
        return None
    short = _text(record.get("libelleAbrev"))
    return Organ(ref=ref, kind=_text(record.get("codeType")), label=label, short=short)


def _get(record: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(record, dict):
            return None
        record = record.get(key)
    return record


def _many(value: Any) -> list[Any]:
    if value is None:
        return []
    return [v for v in value if v is not None] if isinstance(value, list) else [value]


def _text(value: Any) -> str | None:
    """A string field: plain, or `{"#text": ...}` (XML attributes kept), else None."""
    if isinstance(value, dict):
        value = value.get("#text")
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _int(value: Any) -> int | None:
    text = _text(value)
    return int(text) if text and text.isdigit() else None


def _date(value: Any) -> dt.date | None:
    text = _text(value)
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", text or "")
    if not m:
        return None
    try:
        return dt.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None
