"""app.__version__: read from the installed dist-info folder's name, as importlib.metadata says."""

from __future__ import annotations

import sys

import app


def test_the_dist_info_name_gives_what_importlib_metadata_gives():
    assert app._version_from_dist_info_name() == app._version_from_metadata()


def test_a_second_install_leaves_the_answer_to_importlib_metadata(tmp_path, monkeypatch):
    (tmp_path / "atende-9.9.9.dist-info").mkdir()
    monkeypatch.setattr(sys, "path", [*sys.path, str(tmp_path)])
    assert app._version_from_dist_info_name() is None


def test_only_atende_counts(tmp_path, monkeypatch):
    for name in ("atende_extra-1.0.dist-info", "other-2.0.dist-info", "atende-3.0.tar.gz"):
        (tmp_path / name).mkdir()
    monkeypatch.setattr(sys, "path", [str(tmp_path)])
    assert app._version_from_dist_info_name() is None
    (tmp_path / "atende-3.1.dist-info").mkdir()
    assert app._version_from_dist_info_name() == "3.1"
