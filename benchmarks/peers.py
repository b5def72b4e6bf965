"""The peers pausepost is compared with, run in their own virtual environment.

The peers (Presidio, detect-secrets, alt-profanity-check, better-profanity) are development
dependencies only: the `bench` extra in pyproject.toml, installed by `make bench` / `make eval`
into `.venv-bench`, never into `.venv` (Presidio's image redactor pulls a second OpenCV build,
and alt-profanity-check pins scikit-learn). This file is both sides of that boundary:

- in `.venv` (pausepost's environment), `run_peer(task, payload)` writes the inputs to a
  temporary file, runs this script with `.venv-bench/bin/python` and returns its JSON answer;
- in `.venv-bench`, `python benchmarks/peers.py TASK IN.json OUT.json` runs one task.

Only the standard library is imported at module level, so either side can import it. Every task
runs with the network unused: Presidio gets an NLP engine that loads no model and a tldextract
that reads its bundled suffix list instead of fetching one.

    python benchmarks/peers.py requirements     # the bench extra, one requirement a line
"""

from __future__ import annotations

import importlib.metadata as metadata
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

# Standard library only, like this file, so the .venv-bench side can use it too.
from common import best_rate, pin_one_core

ROOT = Path(__file__).resolve().parents[1]
BENCH_VENV = ROOT / ".venv-bench"
PEER_DISTRIBUTIONS = ("presidio-analyzer", "presidio-image-redactor", "detect-secrets",
                      "alt-profanity-check", "better-profanity")
# Presidio's UK recognisers that ship switched off (`enabled: false` in its default config).
PRESIDIO_UK_RECOGNISERS = ("UkNinoRecognizer", "UkPassportRecognizer", "UkPostcodeRecognizer",
                           "UkDrivingLicenceRecognizer", "UkVehicleRegistrationRecognizer")
# Entity types a UK user would keep when asking Presidio for personal data only (the
# "UK entities" configuration); the other configuration keeps every English recogniser.
PRESIDIO_UK_ENTITIES = ("UK_NINO", "UK_NHS", "UK_POSTCODE", "UK_PASSPORT",
                        "UK_DRIVING_LICENCE", "PHONE_NUMBER", "EMAIL_ADDRESS", "DATE_TIME",
                        "IBAN_CODE", "CREDIT_CARD")


class PeerUnavailable(RuntimeError):
    """A peer could not be run; the message says why, for RESULTS.md."""


# ================================================================ the .venv side


def bench_python() -> Path:
    """The interpreter of the peers' environment (PAUSEPOST_BENCH_PYTHON overrides)."""
    return Path(os.environ.get("PAUSEPOST_BENCH_PYTHON", BENCH_VENV / "bin" / "python"))


def run_peer(task: str, payload: dict[str, Any], timeout: float = 900) -> dict[str, Any]:
    """Run one task in the peers' environment and return its answer.

    Raises PeerUnavailable (never anything else) when the environment is missing or the task
    fails, so a caller can report the reason and go on with the other sections.
    """
    python = bench_python()
    if not python.exists():
        raise PeerUnavailable(f"{python} not found: the peers are installed by `make bench` "
                              "(or `make eval`) into .venv-bench")
    with tempfile.TemporaryDirectory(prefix="pausepost-peer-") as tmp:
        source, answer = Path(tmp) / "in.json", Path(tmp) / "out.json"
        source.write_text(json.dumps(payload), encoding="utf-8")
        try:
            done = subprocess.run([str(python), __file__, task, str(source), str(answer)],
                                  capture_output=True, text=True, timeout=timeout,
                                  env={**os.environ, **OFFLINE_ENV}, check=False)
        except subprocess.TimeoutExpired:
            raise PeerUnavailable(f"{task}: no answer within {timeout:.0f} s") from None
        if done.returncode != 0 or not answer.exists():
            tail = (done.stderr or done.stdout).strip().splitlines()[-3:]
            raise PeerUnavailable(f"{task} failed (exit {done.returncode}): "
                                  + " / ".join(tail))
        return json.loads(answer.read_text(encoding="utf-8"))


# Belt and braces for fresh processes (cold starts): tldextract reads its bundled suffix list
# instead of fetching one (presidio_engine also builds its extractor that way in code).
OFFLINE_ENV = {"TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": ""}


def requirements_of_extra(extra: str = "bench") -> list[str]:
    """The requirements of one optional-dependency list of pyproject.toml."""
    import tomllib

    with (ROOT / "pyproject.toml").open("rb") as handle:
        return list(tomllib.load(handle)["project"]["optional-dependencies"][extra])


# ================================================================ both sides


def _requirement_name(requirement: str) -> str | None:
    """The distribution a Requires-Dist line names, or None when a marker excludes it here
    (extras are never requested, so `extra == ...` markers exclude)."""
    name, _, marker = requirement.partition(";")
    if marker and "extra" in marker:
        return None
    if marker:
        try:
            from packaging.markers import Marker  # in both environments here

            if not Marker(marker).evaluate():
                return None
        except ImportError:  # without it, a dependency with a marker is counted anyway
            pass
    match = re.match(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)", name)
    return match.group(1) if match else None


def dependency_closure(names: Iterable[str]) -> set[str]:
    """The installed distributions `names` need, themselves included (lower-case names)."""
    seen: set[str] = set()
    stack = [n.lower().replace("_", "-") for n in names]
    while stack:
        name = stack.pop()
        if name in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        seen.add(name)
        for requirement in dist.requires or ():
            dep = _requirement_name(requirement)
            if dep:
                stack.append(dep.lower().replace("_", "-"))
    return seen


def installed_size(names: Iterable[str]) -> dict[str, Any]:
    """Bytes on disk of distributions and everything they depend on (from their RECORD
    files), as a fresh `pip install` of them into an empty environment would take."""
    closure = dependency_closure(names)
    total = 0
    for name in closure:
        dist = metadata.distribution(name)
        for file in dist.files or ():
            try:
                total += Path(str(dist.locate_file(file))).stat().st_size
            except OSError:
                continue
    return {"bytes": total, "distributions": sorted(closure)}


# ================================================================ the .venv-bench side


def _versions() -> dict[str, str]:
    out = {}
    for name in (*PEER_DISTRIBUTIONS, "scikit-learn", "spacy", "phonenumbers", "pytesseract"):
        try:
            out[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            out[name] = "not installed"
    try:
        first = subprocess.run(["tesseract", "--version"], capture_output=True, text=True,
                               check=False).stdout.splitlines()
        out["tesseract"] = first[0].split()[-1] if first else "not installed"
    except OSError:
        out["tesseract"] = "not installed"
    return out


def task_versions(payload: dict[str, Any]) -> dict[str, Any]:
    return _versions()


def presidio_engine() -> Any:
    """Presidio's analyzer, offline: the no-op NLP engine (no spaCy model, so nothing to
    download), every predefined English recogniser, and the UK recognisers switched on."""
    import tldextract.tldextract as tld

    # The e-mail recogniser calls tldextract, whose default extractor fetches the public
    # suffix list on first use; this one reads the snapshot bundled in the package.
    tld.TLD_EXTRACTOR = tld.TLDExtract(suffix_list_urls=(), cache_dir=None)
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer import predefined_recognizers as predefined
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    nlp = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "no_op", "models": [{"lang_code": "en", "model_name": "no_op"}],
    }).create_engine()
    registry = RecognizerRegistry(supported_languages=["en"])
    registry.load_predefined_recognizers(languages=["en"], nlp_engine=nlp)
    loaded = {type(r).__name__ for r in registry.recognizers}
    for name in PRESIDIO_UK_RECOGNISERS:
        if name not in loaded:
            registry.add_recognizer(getattr(predefined, name)())
    return AnalyzerEngine(registry=registry, nlp_engine=nlp, supported_languages=["en"])


def task_presidio_text(payload: dict[str, Any]) -> dict[str, Any]:
    """Spans Presidio finds in each text, under each configuration, and posts per second."""
    pin_one_core()
    started = time.perf_counter()
    engine = presidio_engine()
    texts: list[str] = payload["texts"]
    engine.analyze(texts[0], language="en")  # warm, as pausepost is
    load_s = time.perf_counter() - started
    configs: dict[str, Sequence[str] | None] = {"all": None, "uk": PRESIDIO_UK_ENTITIES}
    out: dict[str, Any] = {"load_s": load_s, "configs": {}}
    for name, entities in configs.items():
        def analyze_all(entities: Sequence[str] | None = entities) -> list[Any]:
            return [engine.analyze(t, language="en", entities=entities) for t in texts]

        results = analyze_all()
        rate = best_rate(analyze_all, len(texts), payload.get("repeats", 3))
        out["configs"][name] = {
            "per_s": rate,
            "spans": [[[r.start, r.end, r.entity_type, round(r.score, 3)] for r in found]
                      for found in results],
        }
    return out


def task_detect_secrets(payload: dict[str, Any]) -> dict[str, Any]:
    """detect-secrets' ad-hoc string scan (what `detect-secrets scan --string` does) on each
    line of each text, with every default plugin. A high-entropy candidate counts only above
    the plugin's entropy limit, exactly as that command prints "True"."""
    pin_one_core()
    from detect_secrets.core.plugins import initialize
    from detect_secrets.core.scan import scan_line
    from detect_secrets.settings import default_settings

    texts: list[str] = payload["texts"]
    formatters: dict[str, Any] = {}

    def counts(secret: Any) -> bool:
        if secret.type not in formatters:
            formatters[secret.type] = initialize.from_secret_type(secret.type)
        return str(formatters[secret.type].format_scan_result(secret)).startswith("True")

    def scan_all() -> list[list[list[str]]]:
        return [[[s.type, s.secret_value or ""] for line in text.splitlines() or [""]
                 for s in scan_line(line) if counts(s)] for text in texts]

    with default_settings():
        found = scan_all()
        rate = best_rate(scan_all, len(texts), payload.get("repeats", 3))
    return {"found": found, "per_s": rate}


def task_profanity(payload: dict[str, Any]) -> dict[str, Any]:
    """alt-profanity-check (probabilities, one call per post and one batched call) and
    better-profanity (one call per post) on the same texts."""
    pin_one_core()
    texts: list[str] = payload["texts"]
    tools = payload.get("tools", ["alt-profanity-check", "better-profanity"])
    repeats = payload.get("repeats", 1)
    out: dict[str, Any] = {}
    if "alt-profanity-check" in tools:
        started = time.perf_counter()
        from profanity_check import predict_prob

        predict_prob(["hello"])
        load_s = time.perf_counter() - started
        probs = [float(p) for p in predict_prob(texts)]
        per_post = best_rate(lambda: [predict_prob([t]) for t in texts], len(texts), repeats)
        batched = best_rate(lambda: predict_prob(texts), len(texts), max(3, repeats))
        out["alt-profanity-check"] = {"probabilities": probs, "per_s": per_post,
                                      "batch_per_s": batched, "load_s": load_s}
        extra = payload.get("extra_texts") or {}
        out["alt-profanity-check"]["extra_probabilities"] = {
            key: [float(p) for p in predict_prob(values)] if values else []
            for key, values in extra.items()}
    if "better-profanity" in tools:
        started = time.perf_counter()
        from better_profanity import profanity

        profanity.load_censor_words()
        load_s = time.perf_counter() - started
        flags: list[bool] = []

        def run() -> None:
            flags[:] = [bool(profanity.contains_profanity(t)) for t in texts]

        rate = best_rate(run, len(texts), 1)  # ~40 posts/s: one pass is long enough to time
        out["better-profanity"] = {"flags": flags, "per_s": rate, "load_s": load_s}
    return out


def task_presidio_image(payload: dict[str, Any]) -> dict[str, Any]:
    """Presidio's image redactor (Tesseract OCR, then the offline analyzer) on each photo:
    the entity types it boxes and the seconds it takes, the redacted copy included."""
    import shutil

    if not shutil.which("tesseract"):
        raise SystemExit("tesseract not found: install Debian's tesseract-ocr")
    from PIL import Image
    from presidio_image_redactor import ImageAnalyzerEngine, ImageRedactorEngine

    redactor = ImageRedactorEngine(ImageAnalyzerEngine(analyzer_engine=presidio_engine()))
    out = []
    first = True
    for path in payload["images"]:
        with Image.open(path) as image:
            image.load()
            if first:  # warm: load Tesseract's model once, as pausepost's are loaded
                redactor.redact_and_return_bbox(image.convert("RGB"))
                first = False
            started = time.perf_counter()
            _, boxes = redactor.redact_and_return_bbox(image.convert("RGB"))
            seconds = time.perf_counter() - started
        out.append({"entities": sorted({b.entity_type for b in boxes}), "boxes": len(boxes),
                    "seconds": seconds})
    return {"photos": out}


# Snippets for a fresh process: import the tool, build it and check one short post, as a
# command-line user would. `{texts}` (when used) is a JSON file of texts checked one by one,
# for peak memory under a real workload.
COLD_STARTS: dict[str, str] = {
    "presidio-analyzer": "from peers import presidio_engine\n"
                         "e = presidio_engine()\n"
                         "for t in texts: e.analyze(t, language='en')",
    "detect-secrets": "from detect_secrets.core.scan import scan_line\n"
                      "from detect_secrets.settings import default_settings\n"
                      "with default_settings():\n"
                      "    for t in texts: list(scan_line(t))",
    "alt-profanity-check": "from profanity_check import predict_prob\n"
                           "for t in texts: predict_prob([t])",
    "better-profanity": "from better_profanity import profanity\n"
                        "for t in texts: profanity.contains_profanity(t)",
}


def task_size(payload: dict[str, Any]) -> dict[str, Any]:
    return {name: installed_size([name]) for name in payload["distributions"]}


TASKS: dict[str, Callable[[dict[str, Any]], dict[str, Any]]] = {
    "versions": task_versions,
    "presidio-text": task_presidio_text,
    "detect-secrets": task_detect_secrets,
    "profanity": task_profanity,
    "presidio-image": task_presidio_image,
    "size": task_size,
}


def main(argv: list[str]) -> int:
    if argv[:1] == ["requirements"]:
        print("\n".join(requirements_of_extra()))
        return 0
    if argv[:1] == ["cold"]:  # cold TOOL [TEXTS.json]: one fresh-process run of a tool
        texts = json.loads(Path(argv[2]).read_text()) if len(argv) > 2 else ["hello"]
        sys.path.insert(0, str(Path(__file__).parent))
        exec(COLD_STARTS[argv[1]], {"texts": texts})
        return 0
    if len(argv) != 3 or argv[0] not in TASKS:
        print(__doc__, file=sys.stderr)
        return 2
    payload = json.loads(Path(argv[1]).read_text(encoding="utf-8"))
    logging_quiet()
    result = TASKS[argv[0]](payload)
    Path(argv[2]).write_text(json.dumps(result), encoding="utf-8")
    return 0


def logging_quiet() -> None:
    """Presidio logs every recogniser it loads at INFO/WARNING; keep stderr for failures."""
    import logging

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)
    logging.getLogger("presidio-image-redactor").setLevel(logging.ERROR)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
