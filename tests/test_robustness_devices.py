"""Issue 26, case 40 of docs/robustesse.md: a file named for reading that is not a file.

A terminal (`/dev/tty`, `/dev/stdin` at a prompt), a device (`/dev/null`, `/dev/zero`),
a folder or a socket named to `report`, `compare --results`, `quiz --answers`, or found
in a class folder, is refused in one French line before a byte is read. A pipe is still
read (`report <(…)`), bounded; in a class folder, only regular files are read.
"""

from __future__ import annotations

import contextlib
import json
import os
import pty
import shlex
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.helpers import ORIENTATION, Terminal, invoke, orientation
from tests.test_robustness import one_line

SAMPLE = Path(__file__).parent / "golden" / "results-sample.json"
DEVICE = (
    "ce n'est pas un fichier ordinaire, mais un périphérique (un terminal, /dev/null, un disque…)"
)
FOLDER = "ce n'est pas un fichier ordinaire, mais un dossier"
SOCKET = (
    "ce n'est pas un fichier ordinaire, mais une socket (un point de connexion entre programmes)"
)
FIFO = "ce n'est pas un fichier ordinaire, mais un tube nommé (FIFO)"
# Each command that reads a file a user names, the file's place marked by {}.
READERS = [
    ("report", "{}"),
    ("compare", "cesf", "coordinateur-social", "--results", "{}"),
    ("quiz", "--answers", "{}"),
]


def reading(command: tuple[str, ...], path: str | Path) -> list[str]:
    return [str(path) if word == "{}" else word for word in command]


@pytest.fixture
def terminal_file() -> Iterator[str]:
    """The path of a terminal (the far end of a new pseudo-terminal), open meanwhile."""
    leader, follower = pty.openpty()
    try:
        yield os.ttyname(follower)
    finally:
        os.close(follower)
        os.close(leader)


@contextlib.contextmanager
def listening_socket() -> Iterator[Path]:
    """A Unix socket someone listens on (short path: at most 108 bytes)."""
    with tempfile.TemporaryDirectory(prefix="so") as folder:
        path = Path(folder) / "r.json"
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
            server.bind(str(path))
            server.listen()
            yield path


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_40_a_terminal_named_for_reading_is_refused_in_one_line(
    terminal_file: str, command: tuple[str, ...]
) -> None:
    code, _, err = invoke(*reading(command, terminal_file), columns=300)
    assert code == 1
    assert err == f"Erreur : {terminal_file}: {DEVICE}\n"


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_40_devices_folders_and_sockets_are_refused_before_reading(
    tmp_path: Path, command: tuple[str, ...]
) -> None:
    refused: list[tuple[str | Path, str]] = [
        ("/dev/null", DEVICE),  # before: « fichier vide »
        ("/dev/zero", DEVICE),  # before: « fichier trop volumineux », 256 Kio read
        ("/dev/urandom", DEVICE),
        (tmp_path, FOLDER),
    ]
    for path, said in refused:
        code, _, err = invoke(*reading(command, path), columns=300)
        assert (code, err) == (1, f"Erreur : {path}: {said}\n")
    with listening_socket() as path:
        code, _, err = invoke(*reading(command, path), columns=300)
        assert (code, err) == (1, f"Erreur : {path}: {SOCKET}\n")


def class_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "classe"
    folder.mkdir()
    for name in ("a.json", "b.json"):
        (folder / name).write_bytes(SAMPLE.read_bytes())
    return folder


def test_40_a_class_folder_holding_a_terminal_reads_the_rest(
    tmp_path: Path, terminal_file: str
) -> None:
    folder = class_folder(tmp_path)
    (folder / "tty.json").symlink_to(terminal_file)
    (folder / "null.json").symlink_to("/dev/null")
    (folder / "dossier.json").mkdir()
    with listening_socket() as path:
        (folder / "socket.json").symlink_to(path)
        code, out, err = invoke("classe", str(folder), "--json")
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert data["results"] == 2
    assert {Path(u["file"]).name: u["reason"] for u in data["unread"]} == {
        "dossier.json": FOLDER,
        "null.json": DEVICE,
        "socket.json": SOCKET,
        "tty.json": DEVICE,
    }


@pytest.mark.slow
def test_40_a_fifo_held_open_in_a_class_folder_never_stops_the_class(tmp_path: Path) -> None:
    folder = class_folder(tmp_path)
    os.mkfifo(folder / "tube.json")
    # Held open by someone who never writes (`sleep 1000 > tube.json`): read, it would
    # make the whole class wait.
    held = os.open(folder / "tube.json", os.O_RDWR | os.O_NONBLOCK)
    try:
        done = orientation("classe", str(folder), "--json", timeout=20)
    finally:
        os.close(held)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["results"] == 2
    assert [(Path(u["file"]).name, u["reason"]) for u in data["unread"]] == [("tube.json", FIFO)]


@pytest.mark.slow
@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_40_standard_input_at_a_terminal_is_refused(command: tuple[str, ...]) -> None:
    leader, follower = pty.openpty()
    try:
        done = orientation(*reading(command, "/dev/stdin"), stdin=follower, timeout=20)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 1
    assert one_line(done.stderr) == f"Erreur : /dev/stdin: {DEVICE}"


@pytest.mark.slow
def test_40_dev_tty_in_a_real_terminal_is_refused(terminal: Terminal) -> None:
    runs = "; ".join(
        shlex.join([str(ORIENTATION), *reading(command, "/dev/tty")]) for command in READERS
    )
    terminal.start(f"{runs}; echo FIN", width=200)
    screen = terminal.wait_for("FIN")
    assert screen.count(f"Erreur : /dev/tty: {DEVICE}") == len(READERS), screen
    assert "Traceback" not in screen


def test_40_a_pipe_named_for_reading_is_still_read() -> None:
    reader, writer = os.pipe()
    os.write(writer, SAMPLE.read_bytes())  # `report <(cat resultats.json)`; fits the pipe
    os.close(writer)
    try:
        code, out, err = invoke("report", f"/dev/fd/{reader}")
    finally:
        os.close(reader)
    assert (code, err) == (0, "")
    assert "Vos résultats" in out


def test_40_a_fifo_held_open_without_writing_is_given_up(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Named directly (`report fifo.json`), a FIFO another program holds open without
    writing no longer hangs the command (found by the attack round): after PIPE_IDLE
    seconds of silence, one French line. One that is written to is still read."""
    import os
    import subprocess
    import time

    from orientation.content import yamlnodes
    from orientation.errors import ContentError

    monkeypatch.setattr(yamlnodes, "PIPE_IDLE", 0.5)
    fifo = tmp_path / "f.json"
    os.mkfifo(fifo)
    # <> opens without waiting for a reader: the holder is a writer before we read.
    holder = subprocess.Popen(["sh", "-c", f"exec 3<>'{fifo}'; exec sleep 30"])
    time.sleep(0.3)
    try:
        with pytest.raises(ContentError, match=r"rien n'arrive depuis 0\.5 secondes"):
            yamlnodes.read_text(fifo)
    finally:
        holder.kill()
        holder.wait()
    monkeypatch.setattr(yamlnodes, "PIPE_IDLE", 5.0)  # written to: waited for
    writer = subprocess.Popen(
        ["sh", "-c", f"exec 3<>'{fifo}'; sleep 0.3; printf 'a: 1' >&3; sleep 0.2; exec 3>&-"]
    )
    time.sleep(0.1)
    try:
        assert yamlnodes.read_text(fifo) == "a: 1"
    finally:
        writer.wait()
